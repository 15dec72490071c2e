/* serah-demo.h: realistic sample participants (Indonesian names, the kecamatan and desa of
 * one regency, NIKs that agree with birth date and sex). Used for the demo database created
 * on first run, by the benchmarks' data generators and by tests. */
#pragma once

#include <serah/store/serah-store.h>
#include <serah/register/serah-register-records.h>

G_BEGIN_DECLS

/* Calls func for n generated participants; the same seed gives the same people. */
gboolean serah_demo_generate (guint                n,
                              guint32              seed,
                              SerahParticipantFunc func,
                              gpointer             user_data,
                              GError             **error);

/* Fills an empty store with n demo participants in one transaction. */
gboolean serah_demo_populate (SerahStore *store,
                              guint       n,
                              GError    **error);

G_END_DECLS

G_BEGIN_DECLS

/* Gives a demo database something to hand out: prints the cards of one kecamatan (Labuan)
 * with the default template to pdf_path (a real print run, with serials and QR codes) and
 * creates today's ceremony with those participants invited. Returns the ceremony id. */
gint64   serah_demo_prepare_ceremony (SerahStore *store,
                                      const char *pdf_path,
                                      GError    **error);

G_END_DECLS
