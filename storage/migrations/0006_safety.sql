-- Reserved for #10 safety signals; replaced by that issue's schema change.
SELECT 1;
