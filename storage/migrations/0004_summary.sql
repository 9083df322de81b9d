-- Reserved for the summary issue (#5): weekly digest.
SELECT 1;
