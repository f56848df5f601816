// Every UI string, in Simplified Chinese first and English second, from one table.
#pragma once
#include <string>

namespace linli::gui {

enum class Lang { Zh, En };

enum class Str {
    AppTitle, NavHome, NavLibrary, NavSearch, NavProblems, MenuView, MenuLanguage, ThemeLight, ThemeDark,
    TextBigger, TextSmaller, Quit,
    HomeWelcome, HomeContinue, HomeContinueNone, HomeNew, HomeCounts, KindGuideline, KindCase, KindDrill,
    Documents, ReadCount, LibraryKind, LibraryTag, LibraryStakeholder, LibrarySort, SortTitle, SortUpdated,
    SortKind, All, Read, Unread, Opened, ColTitle, ColKind, ColUpdated, ColStatus, NoMatches,
    Back, Forward, LinkedFrom, NotLinked, Updated, Tags, Stakeholders, Sources, MarkedRead, ImageMissing,
    SearchHint, SearchIndexing, SearchNoResults, SearchHelp, ProblemsNone, ProblemsCount, ColWhere, ColSeverity,
    ColMessage, Error, Warning, NoDocument, FontMissing,
    DrillStart, DrillContinue, DrillRestart, DrillBackToDoc, DrillYouChose, DrillNext, DrillApplies, DrillViolates,
    DrillEnding, DrillPath, DrillPitfalls, DrillNoPitfalls, DrillBetter, DrillChart, DrillAttempts, DrillBest,
    DrillUnfinished, DrillState, DrillKeysHint, DrillNoChoices, DrillRating,
    NavSettings, SettingsWelcome, SettingsProfile, SettingsName, SettingsCohort, SettingsLearnerId, SettingsDeviceId,
    SettingsAdopt, SettingsAdoptHint, SettingsSync, SettingsSharedPath, SettingsSharedHint, SettingsInterval,
    SettingsSyncNow, SettingsSave, SyncNever, SyncRunning, SyncLast, SyncReceived, SyncSent, SyncFailed, Count
};

void set_language(Lang lang);
Lang language();
const char* tr(Str id);
// All strings of every language, for the font atlas.
std::string all_ui_text();

}  // namespace linli::gui
