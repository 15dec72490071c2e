/* test-fonts.c: documents are set only in the declared font families (fresh-machine issue):
 * the families serah-dev installs are all there, the document font map holds nothing else,
 * and text asked in a declared family is drawn in that family, whatever else the machine has. */
#include <pango/pangocairo.h>
#include <serah/output/serah-fonts.h>

static void
test_declared_families_present (void)
{
  g_autofree char *missing = serah_fonts_get_missing ();

  /* fonts-noto-core and fonts-dejavu-core are dependencies: a machine without them fails. */
  g_assert_null (missing);
  g_assert_true (serah_fonts_has_family (SERAH_FONT_SANS));
  g_assert_true (serah_fonts_has_family (SERAH_FONT_SERIF));
  g_assert_true (serah_fonts_has_family (SERAH_FONT_CARD));
  g_assert_true (serah_fonts_has_family ("noto sans"));  /* case does not matter */
}

static void
test_nothing_else (void)
{
  PangoFontFamily **families = NULL;
  int n = 0;

  /* The three families, and Pango's generic aliases, which resolve to them. */
  pango_font_map_list_families (serah_fonts_get_font_map (), &families, &n);
  for (int i = 0; i < n; i++)
    {
      const char *name = pango_font_family_get_name (families[i]);
      const char *allowed[] = { SERAH_FONT_SANS, SERAH_FONT_SERIF, SERAH_FONT_CARD, "Sans", "Serif",
                                "Monospace", "System-ui", NULL };
      g_assert_true (g_strv_contains (allowed, name));
    }
  g_free (families);
  /* Families fontconfig may well find on this machine are not offered to documents. */
  g_assert_false (serah_fonts_has_family ("DejaVu Serif"));
  g_assert_false (serah_fonts_has_family ("Noto Sans Mono"));
  g_assert_false (serah_fonts_has_family ("Liberation Sans"));
  g_assert_false (serah_fonts_has_family ("sans"));
}

/* The face Pango picks for text asked in family. */
static char *
drawn_family (const char *family, PangoWeight weight)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = serah_fonts_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_new ();
  PangoLayoutIter *iter;
  PangoLayoutRun *run;
  char *name;

  pango_font_description_set_family (desc, family);
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_size (desc, 10 * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, "Siti Aminah binti Abdullah 3601****0001", -1);
  iter = pango_layout_get_iter (layout);
  run = pango_layout_iter_get_run_readonly (iter);
  g_assert_nonnull (run);
  {
    PangoFontDescription *used = pango_font_describe (run->item->analysis.font);
    name = g_strdup (pango_font_description_get_family (used));
    pango_font_description_free (used);
  }
  pango_layout_iter_free (iter);
  pango_font_description_free (desc);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return name;
}

static void
test_drawn_in_family (void)
{
  const char *declared[] = { SERAH_FONT_SANS, SERAH_FONT_SERIF, SERAH_FONT_CARD };

  for (guint i = 0; i < G_N_ELEMENTS (declared); i++)
    {
      g_autofree char *regular = drawn_family (declared[i], PANGO_WEIGHT_NORMAL);
      g_autofree char *bold = drawn_family (declared[i], PANGO_WEIGHT_BOLD);
      g_assert_cmpstr (regular, ==, declared[i]);
      g_assert_cmpstr (bold, ==, declared[i]);
    }
}

static gpointer
other_thread_map (gpointer data)
{
  return serah_fonts_get_font_map ();
}

static void
test_one_map_per_thread (void)
{
  PangoFontMap *mine = serah_fonts_get_font_map ();
  GThread *thread = g_thread_new ("fonts", other_thread_map, NULL);
  gpointer theirs = g_thread_join (thread);

  g_assert_true (serah_fonts_get_font_map () == mine);
  g_assert_true (theirs != (gpointer) mine);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/serah/fonts/declared-families-present", test_declared_families_present);
  g_test_add_func ("/serah/fonts/nothing-else", test_nothing_else);
  g_test_add_func ("/serah/fonts/drawn-in-family", test_drawn_in_family);
  g_test_add_func ("/serah/fonts/one-map-per-thread", test_one_map_per_thread);
  return g_test_run ();
}
