/* serah-output-private.h: the journal of temporaries, for core writers that cannot use
 * serah_output_begin (the automatic backups, which live in the folder outputs may not
 * name). Internal to app/core. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The mark every temporary name carries; serah_output_clean_stale removes only such files. */
#define SERAH_OUTPUT_TEMP_MARK ".serah-tmp-"

/* Records that this process writes the temporary temp (removed by serah_output_clean_stale
 * if the process dies). Returns the journal entry for serah_output_journal_remove, or NULL. */
char *serah_output_journal_add    (const char *temp);
/* Forgets the entry (NULL is allowed) and frees it. */
void  serah_output_journal_remove (char       *entry);

G_END_DECLS
