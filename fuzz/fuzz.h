/* fuzz.h: what every fuzz target shares: an invariant that must hold,
 * checked in every build (a failure is a crash libFuzzer keeps). */
#ifndef LANGSO_FUZZ_H
#define LANGSO_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MUST(cond)                                                                                \
	do {                                                                                      \
		if (!(cond)) {                                                                    \
			fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__,     \
				#cond);                                                           \
			abort();                                                                  \
		}                                                                                 \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
