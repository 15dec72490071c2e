/* serah-area-selector.h: the kecamatan / desa checklist of the print page, built from the
 * store's counts per area. */
#pragma once

#include <gtk/gtk.h>
#include <serah/serah.h>

G_BEGIN_DECLS

#define SERAH_TYPE_AREA_SELECTOR (serah_area_selector_get_type ())
G_DECLARE_FINAL_TYPE (SerahAreaSelector, serah_area_selector, SERAH, AREA_SELECTOR, GtkWidget)

GtkWidget *serah_area_selector_new            (void);
/* Replaces the list with rows of counts (element type SerahAreaCount, as from
 * serah_participants_count_by_area; the array is referenced). Everything starts selected. */
void       serah_area_selector_set_areas      (SerahAreaSelector *self,
                                               GPtrArray         *areas);
void       serah_area_selector_select_all     (SerahAreaSelector *self,
                                               gboolean           selected);
/* Ticks or clears one desa (names compared case-insensitively). FALSE if no such area. */
gboolean   serah_area_selector_select_area    (SerahAreaSelector *self,
                                               const char        *kecamatan,
                                               const char        *desa,
                                               gboolean           selected);
/* Fills the kecamatan and desa lists of filter (other fields untouched; free the lists with
 * g_strfreev). Both stay NULL when every area is selected: "all". The store filters by
 * kecamatan IN (...) AND desa IN (...), so the result may hold more than was ticked when a
 * desa name repeats in two kecamatan; the counts below are of that effective selection. */
void       serah_area_selector_fill_filter    (SerahAreaSelector      *self,
                                               SerahParticipantFilter *filter);
/* Participants in the effective selection, from the per-area counts. */
gint64     serah_area_selector_get_count      (SerahAreaSelector *self);
gboolean   serah_area_selector_is_empty       (SerahAreaSelector *self);
/* A short description for the print-run record and the summary: "Semua", "Labuan (semua);
 * Menes: Kananga, Muruy". Newly allocated. */
char      *serah_area_selector_describe       (SerahAreaSelector *self);
/* issue 15: TRUE when exactly one desa is ticked; its names (owned by the selector) go to
 * kecamatan and desa. */
gboolean   serah_area_selector_get_single     (SerahAreaSelector *self,
                                               const char       **kecamatan,
                                               const char       **desa);

G_END_DECLS
