/* test-template.c: loading card templates and sheets; every mistake is refused with the file
 * and line of the offending key. */
#include "config.h"

#include <string.h>

#include <cairo.h>

#include "serah-test-fixture.h"

/* A minimal valid card; the tests below break one line of it at a time. */
static const char *const minimal_card[] = {
  "[Card]",              /* 1 */
  "Width=85.6",          /* 2 */
  "Height=53.98",        /* 3 */
  "SafeMargin=3",        /* 4 */
  "",                    /* 5 */
  "[front:name]",        /* 6 */
  "Type=text",           /* 7 */
  "Text={name}",         /* 8 */
  "X=4",                 /* 9 */
  "Y=20",                /* 10 */
  "Width=50",            /* 11 */
  "Height=6",            /* 12 */
  NULL
};

/* minimal_card with line `line` (1-based) replaced by `text` (or with text appended when
 * line is 0). */
static char *
card_with (int line, const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (int i = 0; minimal_card[i]; i++)
    g_string_append_printf (s, "%s\n", i + 1 == line ? text : minimal_card[i]);
  if (line == 0)
    g_string_append_printf (s, "%s\n", text);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Loads text and checks it is refused with code at line. */
static void
assert_card_refused (const char *text, int code, int line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCardTemplate) t = serah_card_template_load_data (text, -1, "/tmp/test.card",
                                                                  &error);
  g_autofree char *prefix = g_strdup_printf ("/tmp/test.card:%d: ", line);

  g_assert_null (t);
  g_assert_error (error, SERAH_TEMPLATE_ERROR, code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected “%s…”, got “%s”", prefix, error->message);
}

static void
test_minimal_loads (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = card_with (-1, NULL);
  g_autoptr(SerahCardTemplate) t = serah_card_template_load_data (text, -1, "/tmp/x/mini.card",
                                                                  &error);
  SerahTemplateElement e;
  double w, h;

  g_assert_no_error (error);
  g_assert_cmpstr (serah_card_template_get_name (t), ==, "mini");
  serah_card_template_get_size (t, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 85.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (h, 53.98, 1e-9);
  g_assert_false (serah_card_template_has_back (t));
  g_assert_cmpint (serah_card_template_get_payload_kind (t), ==, SERAH_PAYLOAD_CARD);
  g_assert_cmpuint (serah_card_template_get_n_elements (t), ==, 1);
  g_assert_true (serah_card_template_get_element (t, 0, &e));
  g_assert_cmpstr (e.id, ==, "name");
  g_assert_cmpstr (e.type, ==, "text");
  g_assert_cmpint (e.line, ==, 6);
}

static void
test_outside_safe_area (void)
{
  g_autofree char *left = card_with (9, "X=2.5");
  g_autofree char *top = card_with (10, "Y=1");
  g_autofree char *right = card_with (11, "Width=80");
  g_autofree char *bottom = card_with (12, "Height=31.5");
  g_autofree char *qr = card_with (0, "[front:qr]\nType=qr\nX=60\nY=20\nSize=30");
  g_autofree char *bleed_text = card_with (0, "Bleed=true");

  /* Each names the key that puts the element out: X, Y, Width, Height, Size. */
  assert_card_refused (left, SERAH_TEMPLATE_ERROR_OUTSIDE, 9);
  assert_card_refused (top, SERAH_TEMPLATE_ERROR_OUTSIDE, 10);
  assert_card_refused (right, SERAH_TEMPLATE_ERROR_OUTSIDE, 11);
  assert_card_refused (bottom, SERAH_TEMPLATE_ERROR_OUTSIDE, 12);
  assert_card_refused (qr, SERAH_TEMPLATE_ERROR_OUTSIDE, 17);
  /* Text never runs into the bleed, even when asked. */
  assert_card_refused (bleed_text, SERAH_TEMPLATE_ERROR_INVALID, 13);
}

static void
test_bleed_boxes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ok = card_with (0, "[front:band]\nType=box\nX=-2\nY=-2\nWidth=89.6\nHeight=12\n"
                                      "Fill=#00695c\nBleed=true");
  g_autofree char *too_far = card_with (0, "[front:band]\nType=box\nX=-3\nY=-2\nWidth=89.6\n"
                                           "Height=12\nFill=#00695c\nBleed=true");
  g_autofree char *no_bleed = card_with (0, "[front:band]\nType=box\nX=-2\nY=-2\nWidth=89.6\n"
                                            "Height=12\nFill=#00695c");
  g_autoptr(SerahCardTemplate) t = serah_card_template_load_data (ok, -1, "/tmp/test.card", &error);

  g_assert_no_error (error);
  g_assert_nonnull (t);
  /* The bleed is 2 mm by default: -3 is beyond it. */
  assert_card_refused (too_far, SERAH_TEMPLATE_ERROR_OUTSIDE, 15);
  /* Without Bleed=true a box keeps to the safe area like everything else. */
  assert_card_refused (no_bleed, SERAH_TEMPLATE_ERROR_OUTSIDE, 15);
}

static void
test_syntax_errors (void)
{
  g_autofree char *not_kv = card_with (8, "Text {name}");
  g_autofree char *twice = card_with (10, "X=5");
  g_autofree char *group = card_with (6, "[front:name");
  g_autofree char *again = card_with (0, "[Card]\nTitle=x");

  assert_card_refused (not_kv, SERAH_TEMPLATE_ERROR_SYNTAX, 8);
  assert_card_refused (twice, SERAH_TEMPLATE_ERROR_SYNTAX, 10);
  assert_card_refused (group, SERAH_TEMPLATE_ERROR_SYNTAX, 6);
  assert_card_refused (again, SERAH_TEMPLATE_ERROR_SYNTAX, 13);
}

static void
test_semantic_errors (void)
{
  struct { int line; const char *text; int code; int at; } cases[] = {
    { 11, "Widht=50", SERAH_TEMPLATE_ERROR_INVALID, 11 },      /* typo: unknown key */
    { 9, "X=4,5", SERAH_TEMPLATE_ERROR_INVALID, 9 },           /* decimal comma */
    { 8, "Text={nama}", SERAH_TEMPLATE_ERROR_INVALID, 8 },     /* unknown field */
    { 8, "Text={name", SERAH_TEMPLATE_ERROR_INVALID, 8 },      /* unclosed */
    { 7, "Type=circle", SERAH_TEMPLATE_ERROR_INVALID, 7 },     /* unknown type */
    { 0, "Color=greenish", SERAH_TEMPLATE_ERROR_INVALID, 13 }, /* bad colour */
    { 0, "Font=No Such Font Family", SERAH_TEMPLATE_ERROR_INVALID, 13 },
    { 0, "Align=middle", SERAH_TEMPLATE_ERROR_INVALID, 13 },
    { 0, "MinSize=20", SERAH_TEMPLATE_ERROR_INVALID, 13 },     /* above Size */
    { 6, "[side:name]", SERAH_TEMPLATE_ERROR_INVALID, 6 },     /* unknown group */
    { 4, "SafeMargin=30", SERAH_TEMPLATE_ERROR_INVALID, 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = card_with (cases[i].line, cases[i].text);
      assert_card_refused (text, cases[i].code, cases[i].at);
    }
}

static void
test_qr_and_image_rules (void)
{
  g_autofree char *quiet = card_with (0, "[front:qr]\nType=qr\nX=60\nY=20\nSize=20\nQuietZone=2");
  g_autofree char *rect = card_with (0, "[front:qr]\nType=qr\nX=60\nY=20\nWidth=20");
  g_autofree char *image = card_with (0, "[front:logo]\nType=image\nX=4\nY=4\nWidth=8\n"
                                         "Height=8\nFile=no-such-logo.png");

  /* Fewer than 4 modules of quiet zone: scanners miss the code. */
  assert_card_refused (quiet, SERAH_TEMPLATE_ERROR_INVALID, 18);
  assert_card_refused (rect, SERAH_TEMPLATE_ERROR_INVALID, 17);
  assert_card_refused (image, SERAH_TEMPLATE_ERROR_IMAGE, 19);
}

/* A PNG logo beside the template loads (and an SVG is what the shipped ones use). */
static void
test_png_image (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "logo.png", NULL);
  g_autofree char *card = g_build_filename (dir, "logo.card", NULL);
  g_autofree char *text = card_with (0, "[front:logo]\nType=image\nX=4\nY=4\nWidth=8\n"
                                        "Height=8\nFile=logo.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCardTemplate) t = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 32, 16);
  SerahTemplateElement e;

  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_set_contents (card, text, -1, NULL));
  t = serah_card_template_load (card, &error);
  g_assert_no_error (error);
  g_assert_true (serah_card_template_get_element (t, 1, &e));
  g_assert_cmpstr (e.type, ==, "image");
  serah_test_rm_rf (dir);
}

static void
test_shipped_templates (void)
{
  const char *names[] = { "kis", "undangan" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(SerahCardTemplate) t = serah_card_template_load (names[i], &error);
      SerahRect safe;
      guint qr = 0;

      g_assert_no_error (error);
      g_assert_cmpstr (serah_card_template_get_name (t), ==, names[i]);
      safe = serah_card_template_get_safe_area (t);
      /* Everything that is not a bleeding background keeps to the safe area. */
      for (guint k = 0; k < serah_card_template_get_n_elements (t); k++)
        {
          SerahTemplateElement e;
          g_assert_true (serah_card_template_get_element (t, k, &e));
          qr += strcmp (e.type, "qr") == 0;
          if (e.bleed)
            continue;
          g_assert_cmpfloat (e.box.x, >=, safe.x - 1e-9);
          g_assert_cmpfloat (e.box.y, >=, safe.y - 1e-9);
          g_assert_cmpfloat (e.box.x + MAX (e.box.width, 0), <=, safe.x + safe.width + 1e-9);
          g_assert_cmpfloat (e.box.y + MAX (e.box.height, 0), <=, safe.y + safe.height + 1e-9);
        }
      g_assert_cmpuint (qr, ==, 1);
    }
  {
    g_autoptr(SerahCardTemplate) kis = serah_card_template_load ("kis", &error);
    g_autoptr(SerahCardTemplate) inv = serah_card_template_load ("undangan", &error);
    g_assert_true (serah_card_template_has_back (kis));
    g_assert_false (serah_card_template_get_full_nik (kis));
    g_assert_cmpint (serah_card_template_get_payload_kind (inv), ==, SERAH_PAYLOAD_INVITATION);
    g_assert_true (g_strv_contains (serah_card_template_get_extra_fields (inv), "ceremony_name"));
  }
}

static void
test_shipped_sheets (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahSheet) a4 = serah_sheet_load ("a4-2x5", &error);
  g_autoptr(SerahSheet) badge = serah_sheet_load ("a4-3x3", &error);
  g_autoptr(SerahSheet) cr80 = serah_sheet_load ("cr80", &error);
  g_autoptr(SerahCardTemplate) kis = serah_card_template_load ("kis", &error);
  SerahRect last;

  g_assert_no_error (error);
  g_assert_cmpuint (serah_sheet_get_n_slots (a4), ==, 10);
  g_assert_cmpuint (serah_sheet_get_n_slots (badge), ==, 9);
  g_assert_cmpuint (serah_sheet_get_n_slots (cr80), ==, 1);
  g_assert_true (serah_sheet_get_rotated (badge));
  /* Avery C32011-10: x0 15, y0 13.5, pitch 95 x 54. */
  last = serah_sheet_get_slot (a4, 9);
  g_assert_cmpfloat_with_epsilon (last.x, 110, 1e-9);
  g_assert_cmpfloat_with_epsilon (last.y, 229.5, 1e-9);
  g_assert_true (serah_sheet_check_card (a4, kis, &error));
  g_assert_true (serah_sheet_check_card (badge, kis, &error));
  g_assert_true (serah_sheet_check_card (cr80, kis, &error));
  g_assert_no_error (error);
}

static void
test_sheet_errors (void)
{
  g_autoptr(GError) error = NULL;
  const char *overlap = "[Sheet]\nPaperWidth=210\nPaperHeight=297\nColumns=2\nRows=1\n"
                        "SlotWidth=85\nSlotHeight=54\nPitchX=80\n";
  const char *beyond = "[Sheet]\nPaperWidth=210\nPaperHeight=297\nColumns=3\nRows=1\n"
                       "SlotWidth=85\nSlotHeight=54\nPitchX=90\n";
  const char *big_card = "[Card]\nWidth=100\nHeight=70\n";
  g_autoptr(SerahSheet) s = serah_sheet_load_data (overlap, -1, "/tmp/o.sheet", &error);
  g_autoptr(SerahCardTemplate) t = NULL;
  g_autoptr(SerahSheet) a4 = NULL;

  g_assert_null (s);
  g_assert_error (error, SERAH_TEMPLATE_ERROR, SERAH_TEMPLATE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "/tmp/o.sheet:8: "));
  g_clear_error (&error);
  s = serah_sheet_load_data (beyond, -1, "/tmp/b.sheet", &error);
  g_assert_null (s);
  g_assert_error (error, SERAH_TEMPLATE_ERROR, SERAH_TEMPLATE_ERROR_OUTSIDE);
  g_assert_true (g_str_has_prefix (error->message, "/tmp/b.sheet:4: "));
  g_clear_error (&error);

  t = serah_card_template_load_data (big_card, -1, "/tmp/big.card", &error);
  g_assert_no_error (error);
  a4 = serah_sheet_load ("a4-2x5", &error);
  g_assert_false (serah_sheet_check_card (a4, t, &error));
  g_assert_error (error, SERAH_TEMPLATE_ERROR, SERAH_TEMPLATE_ERROR_MISMATCH);
}

static void
test_search_path (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *own = g_build_filename (dir, "kis.card", NULL);
  g_autofree char *text = card_with (-1, NULL);
  g_autofree char *old = g_strdup (g_getenv ("SERAH_TEMPLATES_DIR"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCardTemplate) t = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *found = NULL;

  g_autofree char *path = NULL;

  /* $SERAH_TEMPLATES_DIR is a list: a kis.card in its first folder hides the shipped one;
   * the shipped undangan is still found further down the path. */
  g_assert_nonnull (old);
  g_assert_true (g_file_set_contents (own, text, -1, NULL));
  path = g_strjoin (G_SEARCHPATH_SEPARATOR_S, dir, old, NULL);
  g_setenv ("SERAH_TEMPLATES_DIR", path, TRUE);
  t = serah_card_template_load ("kis", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (serah_card_template_get_path (t), ==, own);
  g_assert_cmpuint (serah_card_template_get_n_elements (t), ==, 1);
  found = serah_template_find (SERAH_TEMPLATE_KIND_CARD, "undangan", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (found, "undangan.card"));

  list = serah_template_list (SERAH_TEMPLATE_KIND_CARD);
  g_assert_cmpuint (list->len, >=, 2);
  g_assert_cmpstr (((SerahTemplateInfo *) list->pdata[0])->name, ==, "kis");
  g_assert_cmpstr (((SerahTemplateInfo *) list->pdata[0])->path, ==, own);

  g_clear_pointer (&t, serah_card_template_unref);
  t = serah_card_template_load ("nope", &error);
  g_assert_null (t);
  g_assert_error (error, SERAH_TEMPLATE_ERROR, SERAH_TEMPLATE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "undangan"));

  if (old)
    g_setenv ("SERAH_TEMPLATES_DIR", old, TRUE);
  else
    g_unsetenv ("SERAH_TEMPLATES_DIR");
  serah_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/serah/template/minimal-loads", test_minimal_loads);
  g_test_add_func ("/serah/template/outside-safe-area", test_outside_safe_area);
  g_test_add_func ("/serah/template/bleed-boxes", test_bleed_boxes);
  g_test_add_func ("/serah/template/syntax-errors", test_syntax_errors);
  g_test_add_func ("/serah/template/semantic-errors", test_semantic_errors);
  g_test_add_func ("/serah/template/qr-and-image-rules", test_qr_and_image_rules);
  g_test_add_func ("/serah/template/png-image", test_png_image);
  g_test_add_func ("/serah/template/shipped-templates", test_shipped_templates);
  g_test_add_func ("/serah/template/shipped-sheets", test_shipped_sheets);
  g_test_add_func ("/serah/template/sheet-errors", test_sheet_errors);
  g_test_add_func ("/serah/template/search-path", test_search_path);
  return g_test_run ();
}
