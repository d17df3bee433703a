// Owning handles for the C objects of cairo, Pango, GLib and libqrencode, so an early
// return (TRY, a failed status check) never leaks a surface, context or layout.
#pragma once

#include <memory>
#include <string>

#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "platform/error.hpp"

namespace mc::credentials::gfx {

template <auto Free>
struct FreeWith {
    template <class T>
    void operator()(T* p) const noexcept { Free(p); }
};

using Surface = std::unique_ptr<cairo_surface_t, FreeWith<cairo_surface_destroy>>;
using Cairo = std::unique_ptr<cairo_t, FreeWith<cairo_destroy>>;
using Layout = std::unique_ptr<PangoLayout, FreeWith<g_object_unref>>;
using FontDesc = std::unique_ptr<PangoFontDescription, FreeWith<pango_font_description_free>>;
using AttrList = std::unique_ptr<PangoAttrList, FreeWith<pango_attr_list_unref>>;
using QrCode = std::unique_ptr<QRcode, FreeWith<QRcode_free>>;

// A cairo write callback (PDF and PNG streams) that appends to the std::string `closure`.
// It reports allocation failure as a write error: an exception must not unwind through C frames.
inline cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    try {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    } catch (...) {
        return CAIRO_STATUS_WRITE_ERROR;
    }
}

inline Result<void> cairo_ok(cairo_status_t status) {
    if (status != CAIRO_STATUS_SUCCESS)
        return fail(Errc::internal, "errors.internal", cairo_status_to_string(status));
    return {};
}

} // namespace mc::credentials::gfx
