/* serah-server-records.h: the office server's plain data (errors, link state, sync counts),
 * below both the connection and claim code that the ceremony rules call
 * (app/core/server/serah-server-conn-private.h) and the link and sync use cases
 * (serah-server.h), so that neither includes the other for a type.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SERAH_SERVER_ERROR (serah_server_error_quark ())
typedef enum {
  SERAH_SERVER_ERROR_INVALID,        /* a connection string that cannot be parsed */
  SERAH_SERVER_ERROR_NOT_LINKED,     /* this desk is not linked to a server */
  SERAH_SERVER_ERROR_UNREACHABLE,    /* no answer: network, server down, timeout */
  SERAH_SERVER_ERROR_AUTH,           /* password refused */
  SERAH_SERVER_ERROR_TLS,            /* TLS refused: certificate, sslmode */
  SERAH_SERVER_ERROR_NOT_SET_UP,     /* the database has no Serah schema yet */
  SERAH_SERVER_ERROR_SCHEMA_OLD,     /* the server's schema is older than this Serah */
  SERAH_SERVER_ERROR_SCHEMA_NEW,     /* the server's schema is newer than this Serah */
  SERAH_SERVER_ERROR_OTHER_DATABASE, /* the server belongs to another office database */
  SERAH_SERVER_ERROR_FAILED,         /* anything else the server said */
} SerahServerError;
/**
 * serah_server_error_quark:
 *
 * Returns: the quark of #SerahServerError
 */
GQuark serah_server_error_quark (void);

/* The version of the server schema this Serah creates and expects (serah.schema_version). */
#define SERAH_SERVER_SCHEMA_VERSION 7

typedef enum {
  SERAH_SERVER_UNLINKED,
  SERAH_SERVER_ONLINE,   /* the last contact worked */
  SERAH_SERVER_OFFLINE,  /* the last contact failed: the desk records locally */
} SerahServerState;

typedef struct {
  SerahServerState state;
  char            *conninfo;        /* without password; NULL when unlinked */
  char            *desk;            /* the login role */
  char            *last_error;      /* why the last contact failed (translated), or NULL */
  gint64           pending_handovers; /* local events not yet on the server */
  gint64           pending_undos;
  gint64           pulled_seq;      /* the server's sequence this desk has pulled up to */
} SerahServerStatus;

/**
 * serah_server_status_free:
 * @self: (nullable): a status, or %NULL
 *
 * Frees @self and its strings.
 */
void serah_server_status_free (SerahServerStatus *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahServerStatus, serah_server_status_free)

typedef struct {
  gint64 pushed_handovers; /* sent this time (already there: not counted) */
  gint64 pushed_undos;
  gint64 new_handovers;    /* pulled and new here */
  gint64 new_undos;
  gint64 conflicts;        /* conflicts in the ceremonies touched, afterwards */
  /* The register (issue 16, "one register"): */
  gint64 pushed_participants; /* participant versions sent with this desk's imports */
  gint64 pulled_participants; /* participants new or changed here */
  gint64 pulled_ceremonies;
  gint64 pulled_invitations;
  gint64 pulled_closures;     /* ceremonies closed here because another desk closed them */
  gint64 register_conflicts;  /* pulled participants whose card number another NIK holds */
  /* The audit log (schema v3): this desk's entries sent to the office's log this time. */
  gint64 pushed_audit_events;
  /* Print runs, printed cards and voids (serial blocks): pulled and new here; pulled cards
   * not taken because this desk has another card with that serial (or does not know its
   * participant). */
  gint64 pulled_print_runs;
  gint64 pulled_cards;
  gint64 pulled_voids;
  gint64 card_conflicts;
} SerahServerSyncResult;

G_END_DECLS
