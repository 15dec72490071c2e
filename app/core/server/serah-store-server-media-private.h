/* serah-store-server-media-private.h: the desk's SQLite side of the testimonial media sync
 * (serah-store-server-media.c), used only by serah-server-media.c. Never included outside
 * app/core.
 */
#pragma once

#include <serah/store/serah-store.h>

G_BEGIN_DECLS

typedef struct {
  gint64  testimonial_id;
  char   *uuid;   /* the testimonial's */
  char   *kind;   /* "photo" or "audio" */
  char   *file;   /* relative to the media folder */
} SerahMediaFile;

void       serah_media_file_free             (SerahMediaFile *self);

/* This desk's own media (the testimonials' photo_file and audio_file) of testimonials after
 * after_id whose consent is not withdrawn, in id order; *last_id: the highest testimonial id
 * looked at (the next cursor). */
GPtrArray *serah_store_media_list_own        (SerahStore *store,
                                              gint64      after_id,
                                              gint64     *last_id,
                                              GError    **error);

typedef enum {
  SERAH_MEDIA_FAILED,
  SERAH_MEDIA_WANTED,    /* *testimonial_id set */
  SERAH_MEDIA_HAVE,      /* own or pulled already: nothing to do */
  SERAH_MEDIA_WITHDRAWN, /* consent withdrawn here: never pulled */
  SERAH_MEDIA_PENDING,   /* the testimonial is not here (yet) */
} SerahMediaState;

SerahMediaState serah_store_media_state      (SerahStore *store,
                                              const char *uuid,
                                              const char *kind,
                                              gint64     *testimonial_id,
                                              GError    **error);
gboolean   serah_store_media_add_pulled      (SerahStore *store,
                                              gint64      testimonial_id,
                                              const char *kind,
                                              const char *file,
                                              const char *sha256,
                                              gint64      size,
                                              GError    **error);
/* Pulled copies of testimonials whose current consent is withdrawn. */
GPtrArray *serah_store_media_list_withdrawn  (SerahStore *store,
                                              GError    **error);
gboolean   serah_store_media_forget_pulled   (SerahStore *store,
                                              gint64      testimonial_id,
                                              const char *kind,
                                              GError    **error);

G_END_DECLS
