/* serah-demo.h: realistic sample participants (Indonesian names, the kecamatan and desa of
 * one regency, NIKs that agree with birth date and sex). Used for the demo database created
 * on first run, by the benchmarks' data generators and by tests. */
#pragma once

#include <serah/store/serah-store.h>
#include <serah/register/serah-register-records.h>

G_BEGIN_DECLS

/**
 * serah_demo_generate:
 * @n: how many participants
 * @seed: the same seed gives the same people
 * @func: (scope call): called for each generated participant; returning %FALSE (with @error
 *   set) stops
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Generates @n plausible participants (well-formed NIKs and card numbers, in the kecamatan
 * and desa of Kabupaten Pandeglang, Banten).
 *
 * Returns: %TRUE when all were generated, %FALSE with @error set by @func
 */
gboolean serah_demo_generate (guint                n,
                              guint32              seed,
                              SerahParticipantFunc func,
                              gpointer             user_data,
                              GError             **error);

/**
 * serah_demo_populate:
 * @store: the office database
 * @n: how many participants
 * @error: return location for a #GError
 *
 * Adds @n demo participants (seed 20261124; a person already there is updated) in one
 * transaction.
 *
 * Returns: %TRUE when committed, %FALSE with @error set (nothing added)
 */
gboolean serah_demo_populate (SerahStore *store,
                              guint       n,
                              GError    **error);

G_END_DECLS

G_BEGIN_DECLS

/**
 * serah_demo_prepare_ceremony:
 * @store: the office database, with demo participants
 * @pdf_path: where the cards are printed
 * @error: return location for a #GError
 *
 * Gives a demo database something to hand out: prints the cards of one kecamatan (Labuan)
 * with the default template to @pdf_path (a real print run, with serials and QR codes) and
 * creates today's ceremony with those participants invited.
 *
 * Returns: the ceremony's id, or 0 with @error set
 */
gint64   serah_demo_prepare_ceremony (SerahStore *store,
                                      const char *pdf_path,
                                      GError    **error);

G_END_DECLS
