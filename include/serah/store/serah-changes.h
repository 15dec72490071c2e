/* serah-changes.h: what changed in an office database, told to whoever shows it. One hub per
 * open SerahStore (kept on the store object, no global), with one "changed" signal carrying
 * SerahChange flags. Whoever completes a change on the main thread (an import, a handover,
 * an undo, a print run, a station merge, a testimonial, a ceremony created or closed) calls
 * serah_changes_emit; pages listen and read their figures again, so no page needs a restart
 * or a refresh button to be current. Worker threads never emit: their completion callbacks,
 * which run on the main thread, do. */
#pragma once

#include <serah/store/serah-store.h>

G_BEGIN_DECLS

typedef enum {
  SERAH_CHANGE_PARTICIPANTS = 1 << 0, /* imported, edited, restored */
  SERAH_CHANGE_PRINT_RUNS   = 1 << 1, /* cards printed, reprinted, voided */
  SERAH_CHANGE_CEREMONIES   = 1 << 2, /* created, invited, closed, settings */
  SERAH_CHANGE_HANDOVERS    = 1 << 3, /* handovers, undos, station bundles merged */
  SERAH_CHANGE_TESTIMONIALS = 1 << 4, /* recorded, consent changed */
  SERAH_CHANGE_OUTREACH     = 1 << 5, /* activities, registrations, surveys, SKM, feedback */
  SERAH_CHANGE_ALL          = 0x3f,
} SerahChange;

#define SERAH_TYPE_CHANGES (serah_changes_get_type ())
G_DECLARE_FINAL_TYPE (SerahChanges, serah_changes, SERAH, CHANGES, GObject)

/**
 * serah_changes_for_store:
 * @store: an open office database
 *
 * The change hub of @store, created on first use, living as long as @store. Its signal
 * "changed" carries the #SerahChange flags of what changed.
 *
 * Returns: (transfer none): the hub
 */
SerahChanges *serah_changes_for_store (SerahStore  *store);
/**
 * serah_changes_emit:
 * @store: an open office database
 * @what: #SerahChange flags
 *
 * Tells the listeners of @store's hub that @what changed. Main thread only.
 */
void          serah_changes_emit      (SerahStore  *store,
                                       SerahChange  what);

G_END_DECLS
