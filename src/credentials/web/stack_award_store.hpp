// SQL for stack_awards (stack credentials). Reading and revoking are declared in
// credentials/web/stack_award.hpp; the insert, used only by issue_stack_credential, is here.
#pragma once

#include <string>

#include <soci/soci.h>

namespace mc::credentials {

struct NewStackAward {
    std::string id, educator_id, achievement_key, name, issuer_id, key_row_id;
    std::string credential;   // the signed credential, as stored
    std::string constituents; // JSON array of constituent ids
    std::string status_list_id;
    long long status_list_index = 0;
    long long issued_at = 0;
};
void insert_stack_award(soci::session& sql, const NewStackAward& row);

} // namespace mc::credentials
