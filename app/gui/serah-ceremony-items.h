/* serah-ceremony-items.h: list-model items of the ceremony pages. Each wraps one plain core
 * record (a ceremony, a check-off entry, a per-desa progress row) and exposes the strings the
 * list rows show as read-only properties, so the rows are .ui templates bound by expressions. */
#pragma once

#include <glib-object.h>
#include <serah/ceremony/serah-ceremony.h>

G_BEGIN_DECLS

/* A ceremony in the ceremony list. */
#define SERAH_TYPE_CEREMONY_ITEM (serah_ceremony_item_get_type ())
G_DECLARE_FINAL_TYPE (SerahCeremonyItem, serah_ceremony_item, SERAH, CEREMONY_ITEM, GObject)

SerahCeremonyItem   *serah_ceremony_item_new          (const SerahCeremony *ceremony);
const SerahCeremony *serah_ceremony_item_get_ceremony (SerahCeremonyItem   *self);

/* A person in the search results or the not-yet-served list. */
#define SERAH_TYPE_CHECKOFF_ITEM (serah_checkoff_item_get_type ())
G_DECLARE_FINAL_TYPE (SerahCheckoffItem, serah_checkoff_item, SERAH, CHECKOFF_ITEM, GObject)

SerahCheckoffItem        *serah_checkoff_item_new       (const SerahCheckoffEntry *entry);
const SerahCheckoffEntry *serah_checkoff_item_get_entry (SerahCheckoffItem        *self);

/* One desa's progress in the side panel; updated in place so the list does not jump. */
#define SERAH_TYPE_PROGRESS_ITEM (serah_progress_item_get_type ())
G_DECLARE_FINAL_TYPE (SerahProgressItem, serah_progress_item, SERAH, PROGRESS_ITEM, GObject)

SerahProgressItem *serah_progress_item_new    (const SerahProgressRow *row);
/* TRUE when row is the same (kecamatan, desa) as the item. */
gboolean           serah_progress_item_is_for (SerahProgressItem      *self,
                                               const SerahProgressRow *row);
void               serah_progress_item_update (SerahProgressItem      *self,
                                               const SerahProgressRow *row);

/* Shared wording. */
/* "12 Mei 2025" from ISO yyyy-mm-dd (the input when it is not a date). New string. */
char *serah_format_iso_date   (const char *iso);
/* "Caringin, no. 17 (lembar 4, posisi 7)" or "belum dicetak". New string. */
char *serah_format_card_place (const SerahPrintedCard *card);
/* To whom a handover went, in the screens' words: "Budi Saputra, sendiri" or
 * "Wakil Siti (istri)" (the core's serah_handover_describe_recipient is for sentences). */
char *serah_format_recipient  (const SerahHandover *h);
/* TRUE for text a scanner is typing or has typed (a Serah QR code), not words of a person.
 * Used to keep a scan that lands in the wrong field from being taken as a name or reason. */
gboolean serah_text_looks_like_code (const char *text);
/* "10:32, 12 Mei 2025" from unix seconds, local time. New string. */
char *serah_format_time       (gint64 unix_seconds);

G_END_DECLS
