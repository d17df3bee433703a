// Small-cell suppression against hand-worked tables (k = 10 unless said): primary cells, whole
// small groups, and the complementary cells that stop a total from giving a hidden one back.
#include <gtest/gtest.h>

#include "surveys/suppression.hpp"

using mc::surveys::CountTable;
using mc::surveys::suppress;
using mc::surveys::suppress_together;

TEST(Suppression, NothingHiddenWhenEveryCountIsLargeEnoughAndZerosStay) {
    // [0 15] and [12 11]: zeros are not small counts; every positive count is 10 or more.
    auto m = suppress(CountTable{{{0, 15}, {12, 11}}}, 10);
    EXPECT_FALSE(m.any());
}

TEST(Suppression, OneSmallCellHidesItsPartnersInRowAndColumn) {
    // Rows A [12 3] (total 15) and B [15 20] (total 35); columns total 27 and 23; grand 50.
    // Primary: A2 = 3. Row A keeps its total 15, so 15 - 12 would give 3 back: A1 (12) goes.
    // Column 2 keeps 23, so 23 - 20 would give it: B2 (20) goes. Column 1 now hides A1 alone:
    // B1 (15) goes. Every line then hides two or more values adding up to 10 or more.
    auto m = suppress(CountTable{{{12, 3}, {15, 20}}}, 10);
    EXPECT_TRUE(m.cell[0][0] && m.cell[0][1] && m.cell[1][0] && m.cell[1][1]);
    EXPECT_FALSE(m.row_total[0] || m.row_total[1] || m.col_total[0] || m.col_total[1] || m.grand_total);
}

TEST(Suppression, ASmallGroupIsHiddenWholeAndItsTotalCannotBeWorkedOut) {
    // A [4 2] has 6 people: its total and both cells go (primary). The row totals add up to
    // the grand total 61, so B's total 55 goes too (else 61 - 55 = 6). Columns: 34 - 30 and
    // 27 - 25 would give A's cells back, so B's cells go as well. Column totals stay.
    auto m = suppress(CountTable{{{4, 2}, {30, 25}}}, 10);
    EXPECT_TRUE(m.row_total[0] && m.cell[0][0] && m.cell[0][1]);
    EXPECT_TRUE(m.row_total[1] && m.cell[1][0] && m.cell[1][1]);
    EXPECT_FALSE(m.col_total[0] || m.col_total[1] || m.grand_total);
}

TEST(Suppression, TwoSmallCellsInALineStillNeedToAddUpToK) {
    // One row [3 4 20], total 27 shown: 3 and 4 are hidden but 27 - 20 = 7 < 10 tells too much,
    // so 20 goes as well. (Column totals equal the cells here; they are hidden for the same reason.)
    auto m = suppress(CountTable{{{3, 4, 20}}}, 10);
    EXPECT_TRUE(m.cell[0][0] && m.cell[0][1] && m.cell[0][2]);
    EXPECT_FALSE(m.row_total[0]);
}

TEST(Suppression, TablesSharingGroupSizesAreSuppressedTogether) {
    // Group sizes 25 and 40 in both tables. Table 1 [12 13] [20 20] hides nothing; table 2 splits
    // group one into [24 1]: its 1 is hidden, then 24 (same row), then 15 and 25 (the columns'
    // totals 16 and 49 would give 1 and 24 back). No group's size is hidden anywhere.
    auto masks = suppress_together({CountTable{{{12, 13}, {20, 20}}}, CountTable{{{24, 1}, {25, 15}}}}, 10);
    ASSERT_EQ(masks.size(), 2u);
    EXPECT_FALSE(masks[0].any());
    EXPECT_TRUE(masks[1].cell[0][0] && masks[1].cell[0][1] && masks[1].cell[1][0] && masks[1].cell[1][1]);
    // A group of 6 in the first table is hidden in the second one as well.
    auto small = suppress_together({CountTable{{{3, 3}, {20, 20}}}, CountTable{{{6, 0}, {40, 0}}}}, 10);
    EXPECT_TRUE(small[1].row_total[0]);
}
