/* serah-participants-page.h: Peserta, the participant register page (list, search, import). */
#pragma once

#include <adwaita.h>
#include <serah/serah.h>

#include "serah-participant-list.h"

G_BEGIN_DECLS

#define SERAH_TYPE_PARTICIPANTS_PAGE (serah_participants_page_get_type ())
G_DECLARE_FINAL_TYPE (SerahParticipantsPage, serah_participants_page, SERAH, PARTICIPANTS_PAGE, AdwBin)

GtkWidget            *serah_participants_page_new        (SerahStore            *store);
SerahStore           *serah_participants_page_get_store  (SerahParticipantsPage *self);
void                  serah_participants_page_set_store  (SerahParticipantsPage *self,
                                                          SerahStore            *store);
/* The list shown, as filtered by the search field. */
SerahParticipantList *serah_participants_page_get_model  (SerahParticipantsPage *self);
/* Imports file in a worker thread; the list reloads and the report opens when it is done.
 * The "importing" property is TRUE meanwhile. Does nothing while an import runs. */
void                  serah_participants_page_import_file (SerahParticipantsPage *self,
                                                           GFile                 *file);
gboolean              serah_participants_page_get_importing (SerahParticipantsPage *self);
/* issue 11: as serah_participants_page_import_file(), with FIELD=HEADER mappings (NULL: the
 * importer's own reading). */
void                  serah_participants_page_import_file_mapped (SerahParticipantsPage *self,
                                                                  GFile                 *file,
                                                                  const char *const     *mappings);
/* issue 11: what "Import…" does once a file is chosen: the mapping window (columns, sample
 * rows, problems) first; the import starts when the person confirms it there. */
void                  serah_participants_page_review_file (SerahParticipantsPage *self,
                                                           GFile                 *file);

/* A count with thousands grouped the way the UI language writes them: "1.234" in
 * Indonesian. */
/* serah_format_count: the core's, in <serah/output/serah-format.h> ("1.234"). */

/* Enables the page's actions for the signed-in operator's role (import and "show NIK" are for
 * administrators). The window calls it when the operator changes. */
void serah_participants_page_update_actions (SerahParticipantsPage *self);

G_END_DECLS
