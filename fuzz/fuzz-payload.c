/* fuzz-payload.c: whatever a scanner types must be checked without crashing. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahParticipant) p = NULL;
  SerahPayload payload;

  p = serah_payload_verify (fuzz_scratch_store (), text, &payload, &error);
  /* A verified participant and an error are exclusive. */
  g_assert ((p == NULL) == (error != NULL));
  return 0;
}
