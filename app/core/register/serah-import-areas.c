/* serah-import-areas.c: one row's desa and kecamatan checked against the official area codes
 * (serah-area.c), on the reader's side of an import.
 *
 * Names are stored as the reference spells them, so that "DS. CARINGIN", "Caringin" and
 * "caringin " make one card stack and one line of the coverage report; a 10-digit desa
 * code fills the names a list leaves empty. What the reference cannot confirm is kept as
 * written, with a warning: the office knows its villages better than any list, and a
 * warning never stops an import. */
#define G_LOG_DOMAIN "serah-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "register/serah-import-private.h"

gboolean
serah_import_area_can_fill (SerahImportContext *ctx, SerahField field)
{
  /* A desa code names both the desa and its kecamatan. */
  return ctx->areas != NULL && ctx->column[SERAH_FIELD_DESA_CODE] >= 0 &&
         (field == SERAH_FIELD_DESA || field == SERAH_FIELD_KECAMATAN);
}

static void
replace (char **slot, const char *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return;
  g_free (*slot);
  *slot = g_strdup (value);
}

/* What the reference says about one combination of NIK prefix, codes and names. Lists
 * repeat the same few combinations thousands of times, so it is worked out once per import
 * (folding names and looking them up took most of the area check's time). */
typedef struct {
  gboolean                  nik_unknown;
  gboolean                  kecamatan_code_unknown;
  gboolean                  desa_code_unknown;
  const SerahAreaDesa      *by_code;    /* the desa code's desa */
  const SerahAreaKecamatan *kecamatan;  /* the kecamatan the row means */
  const SerahAreaDesa      *desa;       /* the desa name, found in that kecamatan */
  const SerahAreaDesa      *elsewhere;  /* not found there: the same name elsewhere */
} AreaVerdict;

/* The kecamatan the row means: its code, else its name (in the office's kabupaten, or the
 * only one of that name, or the one the desa code or the NIK points at). */
static const SerahAreaKecamatan *
resolve_kecamatan (SerahImportContext *ctx, const char *code_text, const char *name,
                   const char *nik_prefix, AreaVerdict *v)
{
  const SerahAreaKecamatan *k = NULL;
  gboolean ambiguous = FALSE;

  if (*code_text != '\0')
    {
      k = serah_areas_kecamatan (ctx->areas, code_text);
      v->kecamatan_code_unknown = k == NULL;
    }
  if (k == NULL && v->by_code != NULL)
    k = v->by_code->kecamatan;
  if (k != NULL || name == NULL)
    return k;

  k = serah_areas_kecamatan_named (ctx->areas, name, ctx->office_kabupaten, &ambiguous);
  if (k == NULL && ctx->office_kabupaten != NULL)
    k = serah_areas_kecamatan_named (ctx->areas, name, NULL, &ambiguous);
  if (k == NULL && ambiguous)
    {
      /* "Labuan" is a kecamatan of Pandeglang and of Donggala: the NIK's own kecamatan
       * decides when it has that name. */
      const SerahAreaKecamatan *of_nik = serah_areas_kecamatan (ctx->areas, nik_prefix);

      if (of_nik != NULL)
        {
          g_autofree char *a = serah_area_fold_name (of_nik->name);
          g_autofree char *b = serah_area_fold_name (name);
          if (strcmp (a, b) == 0)
            k = of_nik;
        }
    }
  return k;
}

static AreaVerdict *
judge (SerahImportContext *ctx, const char *nik_prefix, const char *desa_code,
       const char *kecamatan_code, const char *kecamatan, const char *desa)
{
  AreaVerdict *v = g_new0 (AreaVerdict, 1);

  v->nik_unknown = serah_areas_kecamatan (ctx->areas, nik_prefix) == NULL;
  if (*desa_code != '\0')
    {
      v->by_code = serah_areas_desa (ctx->areas, desa_code);
      v->desa_code_unknown = v->by_code == NULL;
    }
  v->kecamatan = resolve_kecamatan (ctx, kecamatan_code, kecamatan, nik_prefix, v);
  if (desa != NULL && v->kecamatan != NULL)
    {
      v->desa = serah_areas_desa_named (ctx->areas, v->kecamatan, desa);
      if (v->desa == NULL)
        v->elsewhere = serah_areas_desa_named_in_kabupaten (ctx->areas,
                                                            v->kecamatan->kabupaten, desa);
    }
  return v;
}

/* The verdict for this row, from the import's memo when the combination was seen before. */
static const AreaVerdict *
verdict_for (SerahImportContext *ctx, const char *nik_prefix, const char *desa_code,
             const char *kecamatan_code, const SerahParticipant *p)
{
  GString *key = ctx->area_key;
  AreaVerdict *v;

  if (ctx->area_memo == NULL)
    {
      ctx->area_memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      ctx->area_key = key = g_string_sized_new (128);
    }
  g_string_truncate (key, 0);
  g_string_append (key, nik_prefix);
  g_string_append_c (key, '\x1f');
  g_string_append (key, desa_code);
  g_string_append_c (key, '\x1f');
  g_string_append (key, kecamatan_code);
  g_string_append_c (key, '\x1f');
  g_string_append (key, p->kecamatan ? p->kecamatan : "\x1e");
  g_string_append_c (key, '\x1f');
  g_string_append (key, p->desa ? p->desa : "\x1e");
  v = g_hash_table_lookup (ctx->area_memo, key->str);
  if (v != NULL)
    return v;
  /* A list of a million distinct combinations must not keep them all. */
  if (g_hash_table_size (ctx->area_memo) >= 65536)
    g_hash_table_remove_all (ctx->area_memo);
  v = judge (ctx, nik_prefix, desa_code, kecamatan_code, p->kecamatan, p->desa);
  g_hash_table_insert (ctx->area_memo, g_strdup (key->str), v);
  return v;
}

void
serah_import_check_areas (SerahImportContext *ctx, gint64 line, SerahParticipant *p)
{
  const char *desa_code = serah_import_field_text (ctx, SERAH_FIELD_DESA_CODE);
  const char *kecamatan_code = serah_import_field_text (ctx, SERAH_FIELD_KECAMATAN_CODE);
  const AreaVerdict *v;
  const SerahAreaKecamatan *k;
  int desa_col = ctx->column[SERAH_FIELD_DESA];
  char prefix[7];

  if (ctx->areas == NULL)
    return;
  memcpy (prefix, p->nik, 6);
  prefix[6] = '\0';
  v = verdict_for (ctx, prefix, desa_code, kecamatan_code, p);
  k = v->kecamatan;

  /* People move: a NIK of another kecamatan is normal, one of no kecamatan is a typo. */
  if (v->nik_unknown)
    serah_import_add_problem (ctx, line, ctx->column[SERAH_FIELD_NIK], "nik-area-unknown",
                              SERAH_IMPORT_SEVERITY_WARNING, p->nik,
                              _("The first six digits of the NIK (%s) are not a kecamatan code "
                                "in the Kemendagri list; check the NIK."), prefix);
  if (v->desa_code_unknown)
    serah_import_add_problem (ctx, line, ctx->column[SERAH_FIELD_DESA_CODE],
                              "desa-code-unknown", SERAH_IMPORT_SEVERITY_WARNING, desa_code,
                              _("%s is not a desa code in the Kemendagri list (10 digits: "
                                "kabupaten, kecamatan, desa)."), desa_code);
  if (v->kecamatan_code_unknown)
    serah_import_add_problem (ctx, line, ctx->column[SERAH_FIELD_KECAMATAN_CODE],
                              "kecamatan-code-unknown", SERAH_IMPORT_SEVERITY_WARNING,
                              kecamatan_code,
                              _("%s is not a kecamatan code in the Kemendagri list."),
                              kecamatan_code);
  if (k != NULL && v->by_code != NULL && v->by_code->kecamatan != k)
    serah_import_add_problem (ctx, line, ctx->column[SERAH_FIELD_DESA_CODE],
                              "desa-code-mismatch", SERAH_IMPORT_SEVERITY_WARNING, desa_code,
                              _("Desa code %s is Desa %s of Kecamatan %s, not of Kecamatan %s; "
                                "check both."), desa_code, v->by_code->name,
                              v->by_code->kecamatan ? v->by_code->kecamatan->name : "?",
                              k->name);
  if (k != NULL)
    replace (&p->kecamatan, k->name);

  if (p->desa == NULL)
    {
      if (v->by_code != NULL)
        {
          replace (&p->desa, v->by_code->name);
          if (p->kecamatan == NULL && v->by_code->kecamatan != NULL)
            replace (&p->kecamatan, v->by_code->kecamatan->name);
        }
      return;
    }
  if (k == NULL)
    return;
  if (v->desa != NULL)
    {
      if (v->by_code != NULL && v->by_code != v->desa && v->by_code->kecamatan == k)
        serah_import_add_problem (ctx, line, desa_col, "desa-code-mismatch",
                                  SERAH_IMPORT_SEVERITY_WARNING, p->desa,
                                  _("The desa is %s but its code %s is Desa %s; check both."),
                                  p->desa, desa_code, v->by_code->name);
      replace (&p->desa, v->desa->name);
    }
  else if (v->elsewhere != NULL && v->elsewhere->kecamatan != NULL)
    serah_import_add_problem (ctx, line, desa_col, "desa-not-in-kecamatan",
                              SERAH_IMPORT_SEVERITY_WARNING, p->desa,
                              _("There is no Desa %s in Kecamatan %s; there is one in "
                                "Kecamatan %s. Check the desa and the kecamatan."),
                              p->desa, k->name, v->elsewhere->kecamatan->name);
  else
    serah_import_add_problem (ctx, line, desa_col, "desa-not-in-kecamatan",
                              SERAH_IMPORT_SEVERITY_WARNING, p->desa,
                              _("There is no Desa %s in Kecamatan %s in the Kemendagri "
                                "list; check the spelling."), p->desa, k->name);
}
