-- Chinese text search (issue 5): a trigram index cannot serve two-character terms such as 漏水,
-- so every searchable text is also stored as the set of its overlapping two-character grams
-- (per whitespace/punctuation-separated token). A query's grams must all be present (GIN @>),
-- then ILIKE confirms the exact phrase. Works the same on PostgreSQL and PGlite.
CREATE OR REPLACE FUNCTION propdesk_bigrams(t text) RETURNS text[] AS $$
DECLARE
  token text;
  grams text[] := '{}';
  i int;
BEGIN
  IF t IS NULL THEN
    RETURN grams;
  END IF;
  FOREACH token IN ARRAY regexp_split_to_array(lower(t), '[[:space:],.;:!?()\[\]"''，。、；：？！（）【】“”‘’《》\-]+') LOOP
    IF char_length(token) = 1 THEN
      grams := grams || token;
    ELSIF char_length(token) > 1 THEN
      FOR i IN 1 .. char_length(token) - 1 LOOP
        grams := grams || substr(token, i, 2);
      END LOOP;
    END IF;
  END LOOP;
  RETURN ARRAY(SELECT DISTINCT g FROM unnest(grams) AS g ORDER BY g);
END
$$ LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE;
