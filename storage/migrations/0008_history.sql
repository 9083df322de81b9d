-- Reserved for #13 history and imports; replaced by that issue's schema change.
SELECT 1;
