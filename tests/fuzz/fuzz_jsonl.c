/* Fuzz target: the JSON Lines reader with record validation, as every
 * tool reads its input: each line is read, and each model record is
 * validated and added to a model (measurements read as kpi-score does). */
#include <stdint.h>
#include <stdio.h>

#include "alignkit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp;
	ak_reader *r = NULL;
	ak_model *m = NULL;
	ak_line line;
	ak_error err;
	int rc;

	if (size == 0 || (fp = fmemopen((void *)data, size, "rb")) == NULL)
		return 0;
	if (ak_reader_open_fp(&r, fp, "fuzz", &err) != AK_OK ||
	    ak_model_new(&m) != AK_OK)
		goto out;
	while ((rc = ak_reader_next(r, &line, &err)) != 0) {
		ak_kind kind;
		if (rc < 0)
			continue;
		kind = ak_kind_parse(line.kind);
		if (kind == AK_KIND_MEASUREMENT) {
			ak_measurement meas;
			json_t *norm = NULL;
			(void)ak_measurement_read(&meas, line.record, &err);
			if (ak_record_normalize(&norm, line.record, kind, NULL, 0, &err) == AK_OK)
				json_decref(norm);
		} else if (kind == AK_KIND_GOAL || kind == AK_KIND_INITIATIVE ||
		           kind == AK_KIND_KPI) {
			(void)ak_model_add(m, line.record, kind, NULL, 0, &err);
		}
	}
out:
	ak_model_free(m);
	ak_reader_free(r);
	fclose(fp);
	return 0;
}
