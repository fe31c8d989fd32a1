/* image.c: photos sent from phones, made fit to keep and to show: the
 * type read from the bytes (JPEG or PNG, whatever the name says), the
 * size read from the header before anything is decoded (a small file
 * must not unpack into gigabytes), then decoded by libgd, scaled down and
 * written anew as a JPEG: the camera's EXIF block (place, time, device)
 * is not carried over. */
#include "util/image.h"
#include "i18n/i18n.h"
#include <gd.h>
#include <string.h>

/* Pixels an image may have before it is decoded (a 50 MP phone photo). */
#define IMAGE_MAX_PIXELS (50L * 1000 * 1000)

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 |
	       p[3];
}

/* A JPEG's size from its first frame header (SOF0–SOF15 but DHT, JPG
 * and DAC): 0, or -1 when there is none. */
static int jpeg_size(const unsigned char *p, size_t n, unsigned long *w, unsigned long *h)
{
	size_t i = 2;
	while (i + 4 <= n) {
		if (p[i] != 0xFF)
			return -1;
		unsigned char m = p[i + 1];
		if (m == 0xFF) { /* fill bytes */
			i++;
			continue;
		}
		if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
			i += 2;
			continue;
		}
		unsigned len = be16(p + i + 2);
		if (len < 2)
			return -1;
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (i + 9 > n)
				return -1;
			*h = be16(p + i + 5);
			*w = be16(p + i + 7);
			return 0;
		}
		if (m == 0xDA || m == 0xD9) /* the data before a frame: not a photo */
			return -1;
		i += 2 + len;
	}
	return -1;
}

const char *image_kind(const void *data, size_t n)
{
	const unsigned char *p = data;
	if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return "image/jpeg";
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	return NULL;
}

int image_for_web(const void *data, size_t n, int max_side, struct buf *out, const char **why)
{
	const unsigned char *p = data;
	const char *kind = image_kind(data, n);
	unsigned long w = 0, h = 0;
	*why = NULL;
	if (!kind) {
		*why = N_("not a JPEG or PNG photo");
		return -1;
	}
	int png = strcmp(kind, "image/png") == 0;
	if (png ? n < 24 || memcmp(p + 12, "IHDR", 4) != 0 : jpeg_size(p, n, &w, &h) != 0) {
		*why = N_("the photo is damaged");
		return -1;
	}
	if (png) {
		w = be32(p + 16);
		h = be32(p + 20);
	}
	if (!w || !h || w > 20000 || h > 20000 || (long)(w * h) > IMAGE_MAX_PIXELS) {
		*why = N_("the photo is too large (more than 50 megapixels)");
		return -1;
	}
	gdImagePtr im = png ? gdImageCreateFromPngPtr((int)n, (void *)data)
			    : gdImageCreateFromJpegPtr((int)n, (void *)data);
	if (!im) {
		*why = N_("the photo is damaged");
		return -1;
	}
	/* scaled to fit max_side, on white (a PNG's transparency) */
	int sw = gdImageSX(im), sh = gdImageSY(im), tw = sw, th = sh;
	if (sw > max_side || sh > max_side) {
		tw = sw >= sh ? max_side : (int)((long)sw * max_side / sh);
		th = sw >= sh ? (int)((long)sh * max_side / sw) : max_side;
	}
	gdImagePtr dst = gdImageCreateTrueColor(tw < 1 ? 1 : tw, th < 1 ? 1 : th);
	int size = 0;
	void *jpeg = NULL;
	if (dst) {
		gdImageFilledRectangle(dst, 0, 0, tw, th, gdTrueColor(255, 255, 255));
		gdImageAlphaBlending(dst, 1);
		gdImageCopyResampled(dst, im, 0, 0, 0, 0, tw, th, sw, sh);
		jpeg = gdImageJpegPtr(dst, &size, 82);
		gdImageDestroy(dst);
	}
	gdImageDestroy(im);
	if (!jpeg || size <= 0) {
		gdFree(jpeg);
		*why = N_("the photo could not be converted");
		return -1;
	}
	buf_append(out, jpeg, (size_t)size);
	gdFree(jpeg);
	return 0;
}
