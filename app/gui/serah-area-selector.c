/* serah-area-selector.c: who gets printed, by kecamatan and desa. One expander row per
 * kecamatan (its check ticks every desa in it), one check row per desa with its count.
 *
 * The store selects with "kecamatan IN (...) AND desa IN (...)", which cannot say "Cilaja of
 * Karang Tanjung but not Cilaja of Majasari". Rather than pretend, the selector counts the
 * effective selection that filter gives and names any desa it adds beyond the ticks. */
#define G_LOG_DOMAIN "serah-gui"

#include "config.h"

#include <serah/output/serah-format.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "serah-area-selector.h"

typedef struct {
  guint      first;     /* index of its first desa in areas */
  guint      n;
  GtkWidget *expander;  /* AdwExpanderRow */
  GtkWidget *check;
} KecamatanGroup;

struct _SerahAreaSelector
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkWidget *list;
  GtkWidget *extra_label;

  GPtrArray *areas;       /* SerahAreaCount */
  GArray    *ticked;      /* gboolean per area: what the person ticked */
  GArray    *effective;   /* gboolean per area: what the filter will select */
  GPtrArray *desa_checks; /* GtkCheckButton per area */
  GArray    *groups;      /* KecamatanGroup */
  gboolean   syncing;
};

G_DEFINE_FINAL_TYPE (SerahAreaSelector, serah_area_selector, GTK_TYPE_WIDGET)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

#define AREA(self, i) ((SerahAreaCount *) g_ptr_array_index ((self)->areas, (i)))
#define TICKED(self, i) g_array_index ((self)->ticked, gboolean, (i))
#define EFFECTIVE(self, i) g_array_index ((self)->effective, gboolean, (i))

GtkWidget *
serah_area_selector_new (void)
{
  return g_object_new (SERAH_TYPE_AREA_SELECTOR, NULL);
}

static const char *
area_name (const char *name)
{
  return name != NULL && *name ? name : _("(none)");
}

static gboolean
all_ticked (SerahAreaSelector *self)
{
  for (guint i = 0; i < self->ticked->len; i++)
    if (!TICKED (self, i))
      return FALSE;
  return TRUE;
}

/* The filter's view of the ticks: every area whose kecamatan and desa are both named. */
static void
compute_effective (SerahAreaSelector *self)
{
  g_autoptr(GHashTable) kecamatan = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) desa = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) extra = g_string_new (NULL);

  for (guint i = 0; i < self->areas->len; i++)
    if (TICKED (self, i))
      {
        g_hash_table_add (kecamatan, g_utf8_casefold (AREA (self, i)->kecamatan, -1));
        g_hash_table_add (desa, g_utf8_casefold (AREA (self, i)->desa, -1));
      }
  for (guint i = 0; i < self->areas->len; i++)
    {
      g_autofree char *k = g_utf8_casefold (AREA (self, i)->kecamatan, -1);
      g_autofree char *d = g_utf8_casefold (AREA (self, i)->desa, -1);
      gboolean in = g_hash_table_contains (kecamatan, k) && g_hash_table_contains (desa, d);

      EFFECTIVE (self, i) = in;
      if (in && !TICKED (self, i))
        g_string_append_printf (extra, "%s%s (%s)", extra->len ? ", " : "",
                                area_name (AREA (self, i)->desa),
                                area_name (AREA (self, i)->kecamatan));
    }

  if (extra->len > 0)
    {
      g_autofree char *text =
        g_strdup_printf (_("Also included, because a desa of the same name is ticked: %s."),
                         extra->str);
      gtk_label_set_text (GTK_LABEL (self->extra_label), text);
    }
  gtk_widget_set_visible (self->extra_label, extra->len > 0);
}

static void
sync_groups (SerahAreaSelector *self)
{
  self->syncing = TRUE;
  for (guint g = 0; g < self->groups->len; g++)
    {
      KecamatanGroup *group = &g_array_index (self->groups, KecamatanGroup, g);
      gint64 total = 0, chosen = 0;
      guint n_ticked = 0;
      g_autofree char *subtitle = NULL;

      for (guint i = group->first; i < group->first + group->n; i++)
        {
          total += AREA (self, i)->participants;
          if (EFFECTIVE (self, i))
            chosen += AREA (self, i)->participants;
          if (TICKED (self, i))
            n_ticked++;
          gtk_check_button_set_active (g_ptr_array_index (self->desa_checks, i), TICKED (self, i));
        }
      gtk_check_button_set_active (GTK_CHECK_BUTTON (group->check), n_ticked == group->n);
      gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (group->check),
                                         n_ticked > 0 && n_ticked < group->n);
      /* TRANSLATORS: selected and total participants of one kecamatan */
      subtitle = g_strdup_printf (_("%lld of %lld participants"), (long long) chosen,
                                  (long long) total);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (group->expander), subtitle);
    }
  self->syncing = FALSE;
}

static void
selection_changed (SerahAreaSelector *self)
{
  compute_effective (self);
  sync_groups (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_desa_toggled (GtkCheckButton *check, SerahAreaSelector *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "area"));

  if (self->syncing)
    return;
  TICKED (self, i) = gtk_check_button_get_active (check);
  selection_changed (self);
}

static void
on_kecamatan_toggled (GtkCheckButton *check, SerahAreaSelector *self)
{
  guint g = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "group"));
  KecamatanGroup *group = &g_array_index (self->groups, KecamatanGroup, g);
  gboolean active = gtk_check_button_get_active (check);

  if (self->syncing)
    return;
  for (guint i = group->first; i < group->first + group->n; i++)
    TICKED (self, i) = active;
  selection_changed (self);
}

static GtkWidget *
add_kecamatan_row (SerahAreaSelector *self, guint first)
{
  KecamatanGroup group = { .first = first };
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), area_name (AREA (self, first)->kecamatan));
  {
    /* TRANSLATORS: accessible name of the check box ticking a whole kecamatan */
    g_autofree char *name = g_strdup_printf (_("Every desa of Kecamatan %s"),
                                             area_name (AREA (self, first)->kecamatan));
    gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);
  }
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Tick every desa of this kecamatan"));
  g_object_set_data (G_OBJECT (check), "group", GUINT_TO_POINTER (self->groups->len));
  g_signal_connect (check, "toggled", G_CALLBACK (on_kecamatan_toggled), self);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander), check);
  gtk_list_box_append (GTK_LIST_BOX (self->list), expander);

  group.expander = expander;
  group.check = check;
  g_array_append_val (self->groups, group);
  return expander;
}

static void
add_desa_row (SerahAreaSelector *self, GtkWidget *expander, guint i)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *count = serah_format_count (AREA (self, i)->participants);
  GtkWidget *label = gtk_label_new (count);

  /* Named by the row's title: the row is its activatable widget's label (labelled-by); a
   * label property as well made Orca read the desa twice (issue 12). */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), area_name (AREA (self, i)->desa));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (check), "area", GUINT_TO_POINTER (i));
  g_signal_connect (check, "toggled", G_CALLBACK (on_desa_toggled), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  g_ptr_array_add (self->desa_checks, check);
}

void
serah_area_selector_set_areas (SerahAreaSelector *self, GPtrArray *areas)
{
  GtkWidget *child;
  GtkWidget *expander = NULL;

  g_return_if_fail (SERAH_IS_AREA_SELECTOR (self));
  g_return_if_fail (areas != NULL);

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  g_ptr_array_set_size (self->desa_checks, 0);
  g_array_set_size (self->groups, 0);

  g_clear_pointer (&self->areas, g_ptr_array_unref);
  self->areas = g_ptr_array_ref (areas);
  g_array_set_size (self->ticked, areas->len);
  g_array_set_size (self->effective, areas->len);

  for (guint i = 0; i < areas->len; i++)
    {
      /* count_by_area sorts by kecamatan (no case), so a kecamatan's desa are adjacent. */
      if (i == 0 || g_utf8_collate (AREA (self, i)->kecamatan, AREA (self, i - 1)->kecamatan) != 0)
        expander = add_kecamatan_row (self, i);
      g_array_index (self->groups, KecamatanGroup, self->groups->len - 1).n++;
      add_desa_row (self, expander, i);
      TICKED (self, i) = TRUE;
    }
  selection_changed (self);
}

void
serah_area_selector_select_all (SerahAreaSelector *self, gboolean selected)
{
  g_return_if_fail (SERAH_IS_AREA_SELECTOR (self));

  for (guint i = 0; i < self->ticked->len; i++)
    TICKED (self, i) = selected;
  selection_changed (self);
}

gboolean
serah_area_selector_select_area (SerahAreaSelector *self, const char *kecamatan,
                                 const char *desa, gboolean selected)
{
  g_return_val_if_fail (SERAH_IS_AREA_SELECTOR (self), FALSE);

  for (guint i = 0; self->areas != NULL && i < self->areas->len; i++)
    if (g_ascii_strcasecmp (AREA (self, i)->kecamatan, kecamatan) == 0 &&
        g_ascii_strcasecmp (AREA (self, i)->desa, desa) == 0)
      {
        TICKED (self, i) = selected;
        selection_changed (self);
        return TRUE;
      }
  return FALSE;
}

static char **
distinct_names (SerahAreaSelector *self, gboolean kecamatan)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; i < self->areas->len; i++)
    {
      const char *name = kecamatan ? AREA (self, i)->kecamatan : AREA (self, i)->desa;

      if (TICKED (self, i) && g_hash_table_add (seen, g_utf8_casefold (name, -1)))
        g_strv_builder_add (names, name);
    }
  return g_strv_builder_end (names);
}

void
serah_area_selector_fill_filter (SerahAreaSelector *self, SerahParticipantFilter *filter)
{
  g_return_if_fail (SERAH_IS_AREA_SELECTOR (self));
  g_return_if_fail (filter != NULL);

  filter->kecamatan = NULL;
  filter->desa = NULL;
  if (self->areas == NULL || all_ticked (self))
    return;
  filter->kecamatan = distinct_names (self, TRUE);
  filter->desa = distinct_names (self, FALSE);
  /* Nothing ticked: an empty IN list would mean "all" to the store; name a kecamatan that
   * cannot exist instead, so an empty selection prints nothing. */
  if (filter->kecamatan[0] == NULL)
    {
      g_strfreev (filter->kecamatan);
      filter->kecamatan = g_new0 (char *, 2);
      filter->kecamatan[0] = g_strdup ("\x01");
    }
}

gint64
serah_area_selector_get_count (SerahAreaSelector *self)
{
  gint64 n = 0;

  g_return_val_if_fail (SERAH_IS_AREA_SELECTOR (self), 0);

  for (guint i = 0; self->areas != NULL && i < self->areas->len; i++)
    if (EFFECTIVE (self, i))
      n += AREA (self, i)->participants;
  return n;
}

gboolean
serah_area_selector_is_empty (SerahAreaSelector *self)
{
  g_return_val_if_fail (SERAH_IS_AREA_SELECTOR (self), TRUE);

  for (guint i = 0; i < self->ticked->len; i++)
    if (TICKED (self, i))
      return FALSE;
  return TRUE;
}

char *
serah_area_selector_describe (SerahAreaSelector *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (SERAH_IS_AREA_SELECTOR (self), NULL);

  if (self->areas == NULL || all_ticked (self))
    return g_strdup (_("All participants"));
  for (guint g = 0; g < self->groups->len; g++)
    {
      KecamatanGroup *group = &g_array_index (self->groups, KecamatanGroup, g);
      g_autoptr(GString) desa = g_string_new (NULL);
      guint n_ticked = 0;

      for (guint i = group->first; i < group->first + group->n; i++)
        if (TICKED (self, i))
          {
            g_string_append_printf (desa, "%s%s", n_ticked ? ", " : "", area_name (AREA (self, i)->desa));
            n_ticked++;
          }
      if (n_ticked == 0)
        continue;
      g_string_append_printf (text, "%s%s", text->len ? "; " : "",
                              area_name (AREA (self, group->first)->kecamatan));
      if (n_ticked < group->n)
        g_string_append_printf (text, ": %s", desa->str);
    }
  if (text->len == 0)
    return g_strdup (_("Nobody"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
serah_area_selector_dispose (GObject *object)
{
  SerahAreaSelector *self = SERAH_AREA_SELECTOR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_pointer (&self->desa_checks, g_ptr_array_unref);
  G_OBJECT_CLASS (serah_area_selector_parent_class)->dispose (object);
}

static void
serah_area_selector_finalize (GObject *object)
{
  SerahAreaSelector *self = SERAH_AREA_SELECTOR (object);

  g_array_unref (self->ticked);
  g_array_unref (self->effective);
  g_array_unref (self->groups);
  G_OBJECT_CLASS (serah_area_selector_parent_class)->finalize (object);
}

static void
serah_area_selector_class_init (SerahAreaSelectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_area_selector_dispose;
  object_class->finalize = serah_area_selector_finalize;

  /* Emitted whenever the ticks change (the count may stay the same). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "areaselector");
}

static void
serah_area_selector_init (SerahAreaSelector *self)
{
  self->ticked = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->effective = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->groups = g_array_new (FALSE, TRUE, sizeof (KecamatanGroup));
  self->desa_checks = g_ptr_array_new ();

  /* The rows come from the data (one per kecamatan and desa), so they are made here; the
   * frame around them is this small box. */
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  self->extra_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->extra_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->extra_label), 0);
  gtk_widget_add_css_class (self->extra_label, "warning");
  gtk_widget_add_css_class (self->extra_label, "caption");
  gtk_widget_set_visible (self->extra_label, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->list);
  gtk_box_append (GTK_BOX (self->box), self->extra_label);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

/* issue 15: the Sosialisasi page's activity form asks for one desa with the same list. */
gboolean
serah_area_selector_get_single (SerahAreaSelector *self, const char **kecamatan, const char **desa)
{
  int found = -1;

  g_return_val_if_fail (SERAH_IS_AREA_SELECTOR (self), FALSE);

  for (guint i = 0; self->areas != NULL && i < self->ticked->len; i++)
    if (TICKED (self, i))
      {
        if (found >= 0)
          return FALSE;
        found = (int) i;
      }
  if (found < 0)
    return FALSE;
  if (kecamatan != NULL)
    *kecamatan = AREA (self, found)->kecamatan;
  if (desa != NULL)
    *desa = AREA (self, found)->desa;
  return TRUE;
}
