"""Works by Serge and about him: works, their editions and translations,
periodicals and articles, contributions with the names they were credited as,
relations between works and archival holdings."""
