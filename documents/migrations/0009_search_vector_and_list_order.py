"""The register's list and search answered from indexes (documents/search.py).

On PostgreSQL: the pg_trgm extension; the SQL functions that split the symbol and the titles
into words (the ``simple`` configuration, Chinese as single characters and pairs) for the
stored vector and for the query alike; the ``search_vector`` column, written by a trigger on
every insert and on every update of the symbol or a title, filled for the existing rows;
GIN indexes on the vector and on the trigrams of the symbol and titles; an index on
UPPER(symbol) for a symbol's start. Nothing of it on SQLite, which matches substrings."""

from django.db import migrations, models

# The symbol and the title in each UN language, in the order of settings.LANGUAGES
# (documents.search.SEARCH_COLUMNS).
COLUMNS = ("symbol", "title_ar", "title_zh_hans", "title_en", "title_fr", "title_ru", "title_es")
ARGUMENTS = ", ".join(f"{name} text" for name in ("symbol", "ar", "zh", "en", "fr", "ru", "es"))
# Chinese characters (and Japanese kana): a language written without spaces between words.
CJK = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"

FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # Punctuation separates words: "CSP11.WGETI/2025" is csp11, wgeti, 2025 in the vector
    # and in a query alike.
    r"""
    CREATE FUNCTION documents_search_words(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
    AS $$ SELECT regexp_replace(t, '[[:punct:]]+', ' ', 'g') $$
    """,
    # Every character and every pair of characters of each Chinese run.
    rf"""
    CREATE FUNCTION documents_cjk_grams(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
    AS $$
      SELECT coalesce(string_agg(gram, ' '), '')
      FROM regexp_matches(t, '{CJK}', 'g') AS run,
      LATERAL (
        SELECT substr(run[1], i, 1) FROM generate_series(1, length(run[1])) AS i
        UNION ALL
        SELECT substr(run[1], i, 2) FROM generate_series(1, length(run[1]) - 1) AS i
      ) AS grams(gram)
    $$
    """,
    # The symbol's words weigh more (A) than the titles' (B).
    f"""
    CREATE FUNCTION documents_search_vector({ARGUMENTS}) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
      SELECT setweight(
          to_tsvector('simple'::regconfig, documents_search_words(coalesce(symbol, ''))), 'A'
        ) || setweight(
          to_tsvector(
            'simple'::regconfig, documents_search_words(titles) || ' ' || documents_cjk_grams(titles)
          ),
          'B'
        )
      FROM (
        SELECT coalesce(ar, '') || ' ' || coalesce(zh, '') || ' ' || coalesce(en, '') || ' '
          || coalesce(fr, '') || ' ' || coalesce(ru, '') || ' ' || coalesce(es, '') AS titles
      ) AS document
    $$
    """,
    # A query: its terms (split at spaces) all found. In a term, its words follow each
    # other, each as the start of a word ("1/Conf.Rep"), and a Chinese run as its pairs of
    # characters, one after the other (one character by itself). NULL: nothing to look for.
    rf"""
    CREATE FUNCTION documents_search_query(q text) RETURNS tsquery
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
    AS $$
    DECLARE
      term text;
      word text;
      lexeme text;
      run text;
      parts text[];
      phrase text[];
      terms text[] := '{{}}';
    BEGIN
      FOREACH term IN ARRAY regexp_split_to_array(btrim(q), '\s+') LOOP
        parts := '{{}}';
        phrase := '{{}}';
        FOREACH word IN ARRAY regexp_split_to_array(
          btrim(documents_search_words(regexp_replace(term, '{CJK}', ' ', 'g'))), '\s+'
        ) LOOP
          FOR lexeme IN SELECT v.lexeme FROM unnest(to_tsvector('simple'::regconfig, word)) AS v
          LOOP
            phrase := phrase
              || ('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || ''':*');
          END LOOP;
        END LOOP;
        IF cardinality(phrase) > 0 THEN
          parts := parts || array_to_string(phrase, ' <-> ');
        END IF;
        FOR run IN SELECT m[1] FROM regexp_matches(term, '{CJK}', 'g') AS m LOOP
          phrase := '{{}}';
          FOR i IN 1 .. greatest(length(run) - 1, 1) LOOP
            phrase := phrase || ('''' || substr(run, i, 2) || '''');
          END LOOP;
          parts := parts || array_to_string(phrase, ' <-> ');
        END LOOP;
        IF cardinality(parts) > 0 THEN
          terms := terms || ('(' || array_to_string(parts, ' & ') || ')');
        END IF;
      END LOOP;
      IF cardinality(terms) = 0 THEN
        RETURN NULL;
      END IF;
      RETURN array_to_string(terms, ' & ')::tsquery;
    END
    $$
    """,
    # The symbol and the titles as one text, for substrings (pg_trgm).
    f"""
    CREATE FUNCTION documents_search_text({ARGUMENTS}) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
      SELECT coalesce(symbol, '') || E'\\n' || coalesce(ar, '') || E'\\n' || coalesce(zh, '')
        || E'\\n' || coalesce(en, '') || E'\\n' || coalesce(fr, '') || E'\\n'
        || coalesce(ru, '') || E'\\n' || coalesce(es, '')
    $$
    """,
    "ALTER TABLE documents_document ADD COLUMN search_vector tsvector",
    # Any update, not UPDATE OF the columns: a trigger's column list would forbid changing
    # their type (a longer title) in a later migration.
    f"""
    CREATE FUNCTION documents_document_search_vector_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE'
        AND ({", ".join(f"NEW.{c}" for c in COLUMNS)})
          IS NOT DISTINCT FROM ({", ".join(f"OLD.{c}" for c in COLUMNS)})
      THEN
        RETURN NEW;
      END IF;
      NEW.search_vector := documents_search_vector({", ".join(f"NEW.{c}" for c in COLUMNS)});
      RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER documents_document_search_vector
    BEFORE INSERT OR UPDATE ON documents_document
    FOR EACH ROW EXECUTE FUNCTION documents_document_search_vector_update()
    """,
    f"UPDATE documents_document SET search_vector = documents_search_vector({', '.join(COLUMNS)})",
    "CREATE INDEX documents_document_search_vector ON documents_document USING gin (search_vector)",
    f"""
    CREATE INDEX documents_document_search_text ON documents_document
    USING gin (documents_search_text({", ".join(COLUMNS)}) gin_trgm_ops)
    """,
    """
    CREATE INDEX documents_document_symbol_upper ON documents_document
    (upper(symbol::text) text_pattern_ops)
    """,
]

# The extension stays: other tables may use it.
BACKWARDS = [
    "DROP INDEX documents_document_symbol_upper",
    "DROP INDEX documents_document_search_text",
    "DROP TRIGGER documents_document_search_vector ON documents_document",
    "DROP FUNCTION documents_document_search_vector_update()",
    "ALTER TABLE documents_document DROP COLUMN search_vector",
    f"DROP FUNCTION documents_search_text({ARGUMENTS})",
    "DROP FUNCTION documents_search_query(text)",
    f"DROP FUNCTION documents_search_vector({ARGUMENTS})",
    "DROP FUNCTION documents_cjk_grams(text)",
    "DROP FUNCTION documents_search_words(text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_person_names_are_letters_only"),
        ("documents", "0008_stored_files_may_be_quarantined"),
        ("meetings", "0006_dief_convening_and_chair_appointments"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="document",
            index=models.Index(fields=["-issued_on", "-number", "-id"], name="document_list_order"),
        ),
        migrations.RunPython(_run(FORWARDS), _run(BACKWARDS), elidable=False),
    ]
