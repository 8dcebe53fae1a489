/* String-keyed hash map with open addressing and linear probing.  Keys are
 * copied into the map (or borrowed, ak_map_new_borrowing); the table
 * doubles when it is 70% full. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/error.h"
#include "alignkit/map.h"
#include "map_internal.h"

struct slot {
	char *key;      /* NULL: empty */
	uint64_t hash;
	void *value;
};

struct ak_map {
	struct slot *slots;
	size_t cap;     /* a power of two */
	size_t count;
	int borrowing; /* keys are the caller's, not copies */
};

/* FNV-1a: short keys (ids) dominate, and it needs no seed. */
static uint64_t
hash_key(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

int
ak_map_new(ak_map **out)
{
	ak_map *m = calloc(1, sizeof(*m));

	*out = NULL;
	if (m == NULL)
		return AK_ENOMEM;
	m->cap = 16;
	m->slots = calloc(m->cap, sizeof(*m->slots));
	if (m->slots == NULL) {
		free(m);
		return AK_ENOMEM;
	}
	*out = m;
	return AK_OK;
}

int
ak_map_new_borrowing(ak_map **out)
{
	int rc = ak_map_new(out);

	if (rc == AK_OK)
		(*out)->borrowing = 1;
	return rc;
}

void
ak_map_free(ak_map *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->cap && !m->borrowing; i++)
		free(m->slots[i].key);
	free(m->slots);
	free(m);
}

static struct slot *
find(const ak_map *m, const char *key, uint64_t h)
{
	size_t mask = m->cap - 1, i = (size_t)h & mask;

	while (m->slots[i].key != NULL) {
		if (m->slots[i].hash == h && strcmp(m->slots[i].key, key) == 0)
			return &m->slots[i];
		i = (i + 1) & mask;
	}
	return &m->slots[i];
}

void *
ak_map_get(const ak_map *m, const char *key)
{
	struct slot *s = find(m, key, hash_key(key));

	return s->key != NULL ? s->value : NULL;
}

static int
grow(ak_map *m)
{
	size_t cap = m->cap * 2;
	struct slot *old = m->slots, *slots = calloc(cap, sizeof(*slots));

	if (slots == NULL)
		return AK_ENOMEM;
	for (size_t i = 0; i < m->cap; i++) {
		if (old[i].key == NULL)
			continue;
		size_t j = (size_t)old[i].hash & (cap - 1);
		while (slots[j].key != NULL)
			j = (j + 1) & (cap - 1);
		slots[j] = old[i];
	}
	free(old);
	m->slots = slots;
	m->cap = cap;
	return AK_OK;
}

int
ak_map_put(ak_map *m, const char *key, void *value)
{
	uint64_t h = hash_key(key);
	struct slot *s = find(m, key, h);
	char *copy;

	if (s->key != NULL) {
		s->value = value;
		return AK_OK;
	}
	if ((m->count + 1) * 10 > m->cap * 7) {
		if (grow(m) != AK_OK)
			return AK_ENOMEM;
		s = find(m, key, h);
	}
	if (m->borrowing)
		copy = (char *)key;
	else if ((copy = strdup(key)) == NULL)
		return AK_ENOMEM;
	s->key = copy;
	s->hash = h;
	s->value = value;
	m->count++;
	return AK_OK;
}

size_t
ak_map_count(const ak_map *m)
{
	return m->count;
}

int
ak_map_next(const ak_map *m, size_t *pos, const char **key, void **value)
{
	while (*pos < m->cap) {
		struct slot *s = &m->slots[(*pos)++];
		if (s->key != NULL) {
			*key = s->key;
			*value = s->value;
			return 1;
		}
	}
	return 0;
}
