-- Reserved for #11 fixes (local days, revivals); replaced by that issue's schema change.
SELECT 1;
