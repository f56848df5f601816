// The 统计 view's UI strings, Chinese first and English second, in one list. sts(app, St::X) looks
// one up in the current language.
#pragma once
#include <string>

namespace linli::gui {

struct App;

#define LINLI_STATS_STRINGS(X)                                                                                \
    X(EmptyHead, "从这里开始", "Start here")                                                                    \
    X(EmptyText, "先读一篇指南，做一次演练，复习会从这里开始。读过的、练过的、复习过的，都会记在这里。",        \
      "Read a guideline first, then play a drill; reviews start from there. What you read, play and review "    \
      "is counted here.")                                                                                       \
    X(EmptyButton, "去文库读第一篇", "Open the library")                                                        \
    X(Streak, "连续学习", "Current streak")                                                                     \
    X(Longest, "最长连续", "Longest streak")                                                                    \
    X(Reviews, "累计复习", "Reviews")                                                                           \
    X(DaysStudied, "学习天数", "Days studied")                                                                  \
    X(DaysN, "{} 天", "{} days")                                                                               \
    X(TimesN, "{} 次", "{}")                                                                                   \
    X(StreakAgain, "今天学一点，重新开始", "Study a little today to start again")                                     \
    X(StreakToday, "今天学一点，保持下去", "Study a little today to keep it going")                                   \
    X(PerDay, "每天复习 · 近 30 天", "Reviews per day · last 30 days")                                          \
    X(NoReviews, "近 30 天还没有复习。", "No reviews in the last 30 days.")                                     \
    X(Retention, "真实保持率 · 按周", "True retention · by week")                                               \
    X(RetentionHint, "复习中的卡片没选「重来」的比例；这一周没有复习中的卡片就留空。",                            \
      "The share of reviews of cards in the Review phase not answered Again; a week without any is left blank.") \
    X(RetentionAll, "近 12 周：{}%（{} 次）", "Last 12 weeks: {}% ({} reviews)")                              \
    X(NoRetention, "还没有复习中的卡片被复习过。", "No card in the Review phase has been reviewed yet.")                                                 \
    X(Drills, "演练 · 每周完成次数", "Drills · finished per week")                                              \
    X(DrillsHint, "柱下是到那一周为止最好的结局。", "Under each column: the best ending reached so far.")        \
    X(NoDrills, "还没有完成的演练。", "No finished drills yet.")                                                \
    X(DrillsAll, "共完成 {} 次", "{} finished in all")                                                         \
    X(Cards, "卡片状态", "Cards by state")                                                                      \
    X(NoCards, "还没有复习卡片。", "No review cards yet.")                                                      \
    X(CardsAll, "共 {} 张", "{} cards")                                                                        \
    X(CardNew, "新卡", "New")                                                                                   \
    X(CardLearning, "学习中", "Learning")                                                                       \
    X(CardReview, "复习中", "Review")                                                                           \
    X(CardRelearning, "重学中", "Relearning")                                                                   \
    X(RatingGood, "好", "good")                                                                                 \
    X(RatingFair, "尚可", "fair")                                                                               \
    X(RatingBad, "糟糕", "bad")                                                                                 \
    X(TitleEmpty, "还没有记录", "nothing yet")                                                                  \
    X(TitleSummary, "学习 {} 天 · 演练 {} 次", "{} days studied · {} drills")

enum class St {
#define LINLI_STATS_ENUM(key, zh, en) key,
    LINLI_STATS_STRINGS(LINLI_STATS_ENUM)
#undef LINLI_STATS_ENUM
};

const char* sts(const App& app, St id);
// Every string in both languages, for the font atlas.
std::string stats_all_text();

}  // namespace linli::gui
