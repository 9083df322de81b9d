-- Reserved for #14 delivery pipeline; replaced by that issue's schema change.
SELECT 1;
