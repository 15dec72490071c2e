/* serah-store-server-register-private.h: the SQLite side of syncing the register, ceremonies
 * and invitations with the office server (serah-store-server-register.c). Never included
 * outside app/core.
 */
#pragma once

#include <serah/register/serah-participant.h>
#include <serah/store/serah-store.h>

G_BEGIN_DECLS

typedef struct {
  gint64  id;
  char   *file_name;
  char   *sha256;
  gint64  started_at;
  gint64  rows;
} SerahServerImport;

void serah_server_import_free (SerahServerImport *self);

typedef struct {
  char   *ceremony_uuid;
  char    nik[SERAH_NIK_LENGTH + 1];
  char   *kecamatan;
  char   *desa;
  gint64  invited_at;
  char   *invited_by;
  char   *source;
} SerahServerInvitation;


typedef gboolean (*SerahServerParticipantFunc) (const SerahParticipant *participant,
                                                gpointer                user_data,
                                                GError                **error);

/* Local imports with id > after_id, in id order (SerahServerImport). */
GPtrArray *serah_store_list_imports_after             (SerahStore                 *store,
                                                       gint64                      after_id,
                                                       GError                    **error);
/* Streams the participants whose last writer is import_id. */
gboolean   serah_store_foreach_participant_of_import  (SerahStore                 *store,
                                                       gint64                      import_id,
                                                       SerahServerParticipantFunc  func,
                                                       gpointer                    user_data,
                                                       GError                    **error);
/* Participants changed outside an import (the audit actions in
 * SERAH_SERVER_PARTICIPANT_EDITS) by the audit entries after after_audit_id and up to
 * *up_to: each participant once, as it is now. With func NULL, only sets *up_to to the newest
 * such entry (after_audit_id when there is none). FALSE with error on failure. */
#define SERAH_SERVER_PARTICIPANT_EDITS "'participant.correct', 'participant.edit'"
gboolean   serah_store_foreach_edited_participant     (SerahStore                 *store,
                                                       gint64                      after_audit_id,
                                                       gint64                     *up_to,
                                                       SerahServerParticipantFunc  func,
                                                       gpointer                    user_data,
                                                       GError                    **error);
/* Inserts a pulled invitation when its ceremony and participant are here; *added says
 * whether it was new. Inside a transaction. */
gboolean   serah_store_insert_pulled_invitation       (SerahStore                 *store,
                                                       const SerahServerInvitation *invitation,
                                                       gboolean                   *added,
                                                       GError                    **error);

typedef struct {
  char   *ceremony_uuid;
  gint64  closed_at;
  char   *closed_by;
} SerahServerClosure;


/* Closes a ceremony known here that is still open; *added says whether it was. */
gboolean   serah_store_insert_pulled_closure          (SerahStore                 *store,
                                                       const SerahServerClosure   *closure,
                                                       gboolean                   *added,
                                                       GError                    **error);

G_END_DECLS
