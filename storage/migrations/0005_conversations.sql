-- Reserved for #9 conversation state; replaced by that issue's schema change.
SELECT 1;
