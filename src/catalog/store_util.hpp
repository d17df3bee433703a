// Small helpers for reading SOCI rows the same way on SQLite and PostgreSQL.
#pragma once

#include <string>

#include <soci/soci.h>

namespace mc::catalog {

// An integer column whatever type the backend reports for it (SQLite reports computed
// columns and INTEGER differently from PostgreSQL); 0 for NULL.
inline long long row_int(const soci::row& r, std::size_t i) {
    if (r.get_indicator(i) == soci::i_null) return 0;
    switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double: return static_cast<long long>(r.get<double>(i));
    case soci::dt_string: return std::stoll(r.get<std::string>(i));
    default: return 0;
    }
}

inline std::string row_str(const soci::row& r, std::size_t i) {
    return r.get_indicator(i) == soci::i_null ? std::string() : r.get<std::string>(i);
}

} // namespace mc::catalog
