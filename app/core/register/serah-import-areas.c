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

/* The kecamatan the row means: its code, else its name (in the office's kabupaten, or the
 * only one of that name, or the one the desa code or the NIK points at). */
static const SerahAreaKecamatan *
resolve_kecamatan (SerahImportContext *ctx, gint64 line, const SerahParticipant *p,
                   const SerahAreaDesa *by_desa_code)
{
  const char *code_text = serah_import_field_text (ctx, SERAH_FIELD_KECAMATAN_CODE);
  const SerahAreaKecamatan *k = NULL;
  gboolean ambiguous = FALSE;

  if (*code_text != '\0')
    {
      k = serah_areas_kecamatan (ctx->areas, code_text);
      if (k == NULL)
        serah_import_add_problem (ctx, line, ctx->column[SERAH_FIELD_KECAMATAN_CODE],
                                  "kecamatan-code-unknown", SERAH_IMPORT_SEVERITY_WARNING,
                                  code_text,
                                  _("%s is not a kecamatan code in the Kemendagri list."),
                                  code_text);
    }
  if (k == NULL && by_desa_code != NULL)
    k = by_desa_code->kecamatan;
  if (k != NULL || p->kecamatan == NULL)
    return k;

  k = serah_areas_kecamatan_named (ctx->areas, p->kecamatan, ctx->office_kabupaten, &ambiguous);
  if (k == NULL && ctx->office_kabupaten != NULL)
    k = serah_areas_kecamatan_named (ctx->areas, p->kecamatan, NULL, &ambiguous);
  if (k == NULL && ambiguous)
    {
      /* "Labuan" is a kecamatan of Pandeglang and of Donggala: the NIK's own kecamatan
       * decides when it has that name. */
      const SerahAreaKecamatan *of_nik = NULL;
      char prefix[7];

      memcpy (prefix, p->nik, 6);
      prefix[6] = '\0';
      of_nik = serah_areas_kecamatan (ctx->areas, prefix);
      if (of_nik != NULL)
        {
          g_autofree char *a = serah_area_fold_name (of_nik->name);
          g_autofree char *b = serah_area_fold_name (p->kecamatan);
          if (strcmp (a, b) == 0)
            k = of_nik;
        }
    }
  return k;
}

void
serah_import_check_areas (SerahImportContext *ctx, gint64 line, SerahParticipant *p)
{
  const char *desa_code = serah_import_field_text (ctx, SERAH_FIELD_DESA_CODE);
  const SerahAreaDesa *by_code = NULL;
  const SerahAreaKecamatan *k;
  int desa_col = ctx->column[SERAH_FIELD_DESA];
  char prefix[7];

  if (ctx->areas == NULL)
    return;

  /* People move: a NIK of another kecamatan is normal, one of no kecamatan is a typo. */
  memcpy (prefix, p->nik, 6);
  prefix[6] = '\0';
  if (serah_areas_kecamatan (ctx->areas, prefix) == NULL)
    serah_import_add_problem (ctx, line, ctx->column[SERAH_FIELD_NIK], "nik-area-unknown",
                              SERAH_IMPORT_SEVERITY_WARNING, p->nik,
                              _("The first six digits of the NIK (%s) are not a kecamatan code "
                                "in the Kemendagri list; check the NIK."), prefix);

  if (*desa_code != '\0')
    {
      by_code = serah_areas_desa (ctx->areas, desa_code);
      if (by_code == NULL)
        serah_import_add_problem (ctx, line, ctx->column[SERAH_FIELD_DESA_CODE],
                                  "desa-code-unknown", SERAH_IMPORT_SEVERITY_WARNING, desa_code,
                                  _("%s is not a desa code in the Kemendagri list (10 digits: "
                                    "kabupaten, kecamatan, desa)."), desa_code);
    }

  k = resolve_kecamatan (ctx, line, p, by_code);
  if (k != NULL && by_code != NULL && by_code->kecamatan != k)
    serah_import_add_problem (ctx, line, ctx->column[SERAH_FIELD_DESA_CODE],
                              "desa-code-mismatch", SERAH_IMPORT_SEVERITY_WARNING, desa_code,
                              _("Desa code %s is Desa %s of Kecamatan %s, not of Kecamatan %s; "
                                "check both."), desa_code, by_code->name,
                              by_code->kecamatan ? by_code->kecamatan->name : "?", k->name);
  if (k != NULL)
    replace (&p->kecamatan, k->name);

  if (p->desa == NULL)
    {
      if (by_code != NULL)
        {
          replace (&p->desa, by_code->name);
          if (p->kecamatan == NULL && by_code->kecamatan != NULL)
            replace (&p->kecamatan, by_code->kecamatan->name);
        }
      return;
    }
  if (k == NULL)
    return;
  {
    const SerahAreaDesa *d = serah_areas_desa_named (ctx->areas, k, p->desa);

    if (d != NULL)
      {
        if (by_code != NULL && by_code != d && by_code->kecamatan == k)
          serah_import_add_problem (ctx, line, desa_col, "desa-code-mismatch",
                                    SERAH_IMPORT_SEVERITY_WARNING, p->desa,
                                    _("The desa is %s but its code %s is Desa %s; check both."),
                                    p->desa, desa_code, by_code->name);
        replace (&p->desa, d->name);
        return;
      }
    d = serah_areas_desa_named_in_kabupaten (ctx->areas, k->kabupaten, p->desa);
    if (d != NULL && d->kecamatan != NULL)
      serah_import_add_problem (ctx, line, desa_col, "desa-not-in-kecamatan",
                                SERAH_IMPORT_SEVERITY_WARNING, p->desa,
                                _("There is no Desa %s in Kecamatan %s; there is one in "
                                  "Kecamatan %s. Check the desa and the kecamatan."),
                                p->desa, k->name, d->kecamatan->name);
    else
      serah_import_add_problem (ctx, line, desa_col, "desa-not-in-kecamatan",
                                SERAH_IMPORT_SEVERITY_WARNING, p->desa,
                                _("There is no Desa %s in Kecamatan %s in the Kemendagri "
                                  "list; check the spelling."), p->desa, k->name);
  }
}
