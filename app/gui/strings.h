// Every UI string, in Simplified Chinese first and English second, from one table, looked up
// through the Strings object the app owns. View titles live in the view table (view_table.h).
#pragma once
#include <string>

namespace linli::gui {

enum class Lang { Zh, En };

enum class Str {
    AppTitle, MenuView, MenuLanguage, ThemeLight, ThemeDark,
    TextBigger, TextSmaller, Quit,
    HomeWelcome, HomeContinue, HomeContinueNone, HomeNew, HomeCounts, KindGuideline, KindCase, KindDrill,
    Documents, ReadCount, LibraryKind, LibraryTag, LibraryStakeholder, LibrarySort, SortTitle, SortUpdated,
    SortKind, All, Read, Unread, Opened, ColTitle, ColKind, ColUpdated, ColStatus, NoMatches,
    Back, Forward, LinkedFrom, NotLinked, Updated, Tags, Stakeholders, Sources, MarkedRead,
    SearchHint, SearchIndexing, SearchNoResults, SearchHelp, ProblemsNone, ProblemsCount, ColWhere, ColSeverity,
    ColMessage, Error, Warning, NoDocument, FontMissing,
    DrillStart, DrillContinue, DrillRestart, DrillBackToDoc, DrillYouChose, DrillNext, DrillApplies, DrillViolates,
    DrillEnding, DrillPath, DrillPitfalls, DrillNoPitfalls, DrillBetter, DrillChart, DrillAttempts, DrillBest,
    DrillUnfinished, DrillState, DrillKeysHint, DrillNoChoices, DrillRating,
    SettingsWelcome, SettingsProfile, SettingsName, SettingsCohort, SettingsLearnerId, SettingsDeviceId,
    SettingsAdopt, SettingsAdoptHint, SettingsSync, SettingsSharedPath, SettingsSharedHint, SettingsInterval,
    SettingsSyncNow, SettingsSave, SyncNever, SyncRunning, SyncLast, SyncReceived, SyncSent, SyncFailed,
    StoreRetrying, StoreUnavailable, StorePending, FrameError, FrameErrorDismiss,
    CoverDecisions, CoverEndings, CoverTracks, CoverFlags, CoverKit, CoverResume, CoverSource, CoverSourceHide,
    CoverSourceWarning, CoverNoAttempts, CoverRange, CoverOpening, CoverMode, ModePractice, ModeExam,
    DrillReview, DrillExamHidden, Count
};

class Strings {
public:
    void set_language(Lang lang) { lang_ = lang; }
    Lang language() const { return lang_; }
    const char* tr(Str id) const;
    // All strings of every language, for the font atlas.
    static std::string all_text();

private:
    Lang lang_ = Lang::Zh;
};

}  // namespace linli::gui
