-- Reserved for #12 follow-ups, dates, bandit; replaced by that issue's schema change.
SELECT 1;
