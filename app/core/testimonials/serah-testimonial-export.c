/* serah-testimonial-export.c: exports of publishable testimonials as CSV, JSON, PNG quote
 * cards and a PDF of quote cards.
 *
 * Every format is written from serah_testimonial_list_public(), never from the store's rows,
 * so what may leave the machine is decided once: no NIK or card number in any format, and
 * for anonymous consent no name and no photo, not even in a file name (PNG files are named
 * by the testimonial's number only).
 */
#define G_LOG_DOMAIN "serah-core"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <serah/admin/serah-audit.h>
#include <serah/testimonials/serah-quote-card.h>
#include <serah/testimonials/serah-testimonial.h>

#include "output/serah-csv-private.h"
#include "store/serah-store-private.h"

static gboolean
write_csv (GPtrArray *list, const char *path, GError **error)
{
  static const char *const header[] = {
    "id", "tanggal", "persetujuan", "nama", "desa", "kecamatan", "nilai", "topik", "testimoni",
  };
  g_autoptr(GString) csv = serah_csv_new ();

  serah_csv_append_row (csv, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < list->len; i++)
    {
      const SerahTestimonialPublic *t = list->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, t->id);
      g_autofree char *rating = t->rating > 0 ? g_strdup_printf ("%d", t->rating) : NULL;
      g_autofree char *tags = g_strjoinv (" ", t->tags);
      const char *row[] = {
        id, t->date, t->anonymous ? "anonim" : "dengan nama", t->display_name, t->desa,
        t->kecamatan, rating, tags, t->text,
      };
      serah_csv_append_row (csv, row, G_N_ELEMENTS (row));
    }
  return serah_csv_save (csv, path, error);
}

static gboolean
write_json (GPtrArray *list, const char *path, GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "programme");
  json_builder_add_string_value (b, "JKN-KIS");
  json_builder_set_member_name (b, "testimonials");
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      const SerahTestimonialPublic *t = list->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, t->id);
      json_builder_set_member_name (b, "date");
      json_builder_add_string_value (b, t->date);
      json_builder_set_member_name (b, "consent");
      json_builder_add_string_value (b, t->anonymous ? "anonymous" : "named");
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, t->display_name);
      json_builder_set_member_name (b, "desa");
      json_builder_add_string_value (b, t->desa);
      json_builder_set_member_name (b, "kecamatan");
      json_builder_add_string_value (b, t->kecamatan);
      json_builder_set_member_name (b, "rating");
      if (t->rating > 0)
        json_builder_add_int_value (b, t->rating);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "tags");
      json_builder_begin_array (b);
      for (guint k = 0; t->tags && t->tags[k]; k++)
        json_builder_add_string_value (b, t->tags[k]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, t->text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local))
    {
      g_set_error (error, G_FILE_ERROR, local->code, _("Cannot write “%s”: %s"), path,
                   local->message);
      return FALSE;
    }
  return TRUE;
}

/* A PNG target is a folder (cards named testimoni-<id>.png) or a pattern with one "%d". */
static char *
png_path_for (const char *target, gint64 id)
{
  g_autofree char *num = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *mark = strstr (target, "%d");

  if (mark != NULL)
    return g_strdup_printf ("%.*s%s%s", (int) (mark - target), target, num, mark + 2);
  {
    g_autofree char *base = g_strdup_printf ("testimoni-%s.png", num);
    return g_build_filename (target, base, NULL);
  }
}

static gboolean
write_pngs (GPtrArray *list, const char *office, const char *target, GError **error)
{
  g_autofree char *dir = strstr (target, "%d") ? g_path_get_dirname (target) : g_strdup (target);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const SerahTestimonialPublic *t = list->pdata[i];
      g_autofree char *path = png_path_for (target, t->id);

      if (!serah_quote_card_write_png (t, office, path, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
serah_testimonial_export (SerahStore *store, gint64 ceremony_id, SerahTestimonialFormat format,
                          const char *path, const char *operator_name, guint *n_written,
                          GError **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *office = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (n_written)
    *n_written = 0;
  list = serah_testimonial_list_public (store, ceremony_id, error);
  if (list == NULL)
    return FALSE;
  office = serah_store_get_setting (store, "office-name");

  switch (format)
    {
    case SERAH_TESTIMONIAL_FORMAT_CSV:
      ok = write_csv (list, path, error);
      break;
    case SERAH_TESTIMONIAL_FORMAT_JSON:
      ok = write_json (list, path, error);
      break;
    case SERAH_TESTIMONIAL_FORMAT_PNG:
      ok = write_pngs (list, office, path, error);
      break;
    case SERAH_TESTIMONIAL_FORMAT_PDF:
      if (list->len == 0)
        {
          /* A PDF cannot have zero pages; say so instead of writing a blank one. */
          g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_NOTHING_TO_EXPORT,
                       _("No testimonial has consent to be published; nothing to export."));
          return FALSE;
        }
      ok = serah_quote_card_write_pdf (list, office, path, error);
      break;
    default:
      g_return_val_if_reached (FALSE);
    }
  if (!ok)
    return FALSE;
  if (n_written)
    *n_written = list->len;
  {
    static const char *const names[] = { "csv", "json", "png", "pdf" };
    g_autofree char *count = g_strdup_printf ("%u", list->len);
    g_autofree char *ceremony = g_strdup_printf ("%" G_GINT64_FORMAT, ceremony_id);
    g_autofree char *details = serah_audit_details ("format", names[format], "path", path,
                                                    "testimonials", count, "ceremony", ceremony,
                                                    NULL);
    /* The file is written; a failed audit row is reported but does not undo it. */
    return serah_audit_record (store, operator_name, "export.testimonials", path, details, error);
  }
}
