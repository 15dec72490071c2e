/* serah-outreach-page.h: Sosialisasi (issue 15), the page of the office's work around the
 * card: socialisation activities, on-site registrations, surveys and feedback. */
#pragma once

#include <adwaita.h>
#include <serah/serah.h>

G_BEGIN_DECLS

#define SERAH_TYPE_OUTREACH_PAGE (serah_outreach_page_get_type ())
G_DECLARE_FINAL_TYPE (SerahOutreachPage, serah_outreach_page, SERAH, OUTREACH_PAGE, AdwBin)

/* Enables the administrator's actions (the export) for the signed-in operator's role. */
void serah_outreach_page_update_actions (SerahOutreachPage *self);

G_END_DECLS
