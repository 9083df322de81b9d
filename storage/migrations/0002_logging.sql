-- Reserved for the logging issue (#3): contact rhythms, log drafts.
SELECT 1;
