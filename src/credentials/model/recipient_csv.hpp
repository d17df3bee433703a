// The recipient list for issuing one achievement to many educators at once: a CSV file with
// a header row naming its columns (name and email required; identifier and validFrom
// optional; any order, any case). Pure: bytes in, rows and row errors out.
//
// Every problem names the file line it is on, so a program officer can fix the sheet and
// run it again; nothing is issued from a file with errors unless the caller chooses to skip
// the bad rows.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mc::credentials {

struct Recipient {
    std::size_t line = 0;   // 1-based line of the file where the record starts
    std::string name;
    std::string email;      // trimmed, lower-cased
    std::string identifier; // e.g. a workforce-registry id; may be empty
    std::optional<std::chrono::sys_seconds> valid_from;
};

struct RowError {
    std::size_t line = 0; // 0: about the whole file (e.g. a missing column)
    std::string key;      // catalog key under credentials.bulk.errors.*
    std::string value;    // the offending text, for the message
};

struct RecipientList {
    std::vector<Recipient> rows;
    std::vector<RowError> errors;
};

inline constexpr std::size_t kMaxRecipientRows = 200000;
inline constexpr std::size_t kMaxCsvField = 1000;

RecipientList read_recipient_csv(std::string_view text);

// "jane@example.org" shapes only: one @, a dot in the domain, no spaces or control characters.
bool plausible_email(std::string_view email);

} // namespace mc::credentials
