// The new-document templates: one raw string per kind, with {{id}}, {{title}}, {{title_yaml}} and
// {{updated}} filled in. Each is a small invented example (clearing a stairwell, 楼道堆物) with
// 写作提示 notes; tests/unit/test_doc_templates.cpp lints them against the bundled library.
#include "cases/doc_templates.h"

#include <string>

namespace linli {
namespace {

constexpr std::string_view kGuideline = R"md(---
id: {{id}}
kind: guideline
title: {{title_yaml}}
# 一句话说清这篇讲什么，显示在文档库列表和首页
summary: 物业要清理楼道堆物时，先上门听住户为什么堆、能挪到哪里，再一起定办法，别让一张限期通知替大家做了决定。
tags: [楼道堆物, 消防安全, 上门沟通]
stakeholders: [居民, 物业, 居委会]
# 依据的种子材料文件名，例如 [000_a59d4bfdfc8d2710.txt]；法规写在正文的「来源」一节
sources: []
updated: {{updated}}
---

# {{title}}

> 写作提示：下面八节的标题和顺序不要改。每节先放了一个虚构的小例子（清理楼道堆物），把它换成你要讲的坑或做法；写完删掉以「写作提示」开头的段落。

## 是什么

> 写作提示：用大白话讲清这个坑（或这种做法）是什么，两三段就够。

楼道里堆了东西，最省事的办法是贴一张限期通知："请于本周五前自行清理，逾期统一清走。"这个坑，就是**用一张通知代替一次上门**：消防要求是对的，期限也可能是对的，可住户是从一张纸上知道自己的东西要被清走的，没有人问过她为什么堆、能挪到哪里。

## 为什么会踩坑

> 写作提示：写人为什么会掉进去：时间紧、怕麻烦、觉得道理在自己这边……

- **道理在自己这边。** 楼道是疏散通道，不能堆物，谁都反驳不了，于是觉得不必多解释。
- **时间紧。** 检查就在下周，一户户上门谈显得太慢。
- **把堆东西的人当成"问题"。** 没想到堆物背后常有难处：攒纸箱贴补家用、家里放不下、等着家人来搬。

## 预警信号

> 写作提示：列出看到哪些迹象就该警惕，每条一句。

- 你准备在通知上盖章，却说不出堆东西的是谁、为什么堆；
- 通知里只有期限和"统一清走"，没写东西可以暂放到哪里、找谁帮忙；
- 有住户说"好歹先问一声"，你觉得这是在找借口。

## 应该怎么做

> 写作提示：写具体的做法，最好能让新人照着做，一步一句。

1. **先弄清物业要的是什么。** 多半是检查之前楼道要清空，而不是一定要把东西扔掉。
2. **约物业一起上门。** 先听住户的理由，再当面把安全要求和期限讲清楚。
3. **三方一起找去处。** 临时放在哪里、谁来帮忙搬、多久清运一次，当面说定。
4. **过一个月回访。** 看看暂放的地方有没有越堆越多，约定有没有走样。

## 相关案例

> 写作提示：链接到真正能说明这一条的案例，写成 `[案例标题](linli:案例id)`，至少一个。

- [建筑垃圾房变成小花园：一次被否决后重开的议事](linli:case-waste-room-garden)：居委会没有硬推，而是一户户去听反对的真实原因。

## 要点

> 写作提示：3 到 5 条，每条一句、能单独读懂：复习功能会把每一条变成一张卡片。

- 楼道必须清，但清理之前先上门，问一句为什么堆、能挪到哪里。
- 限期通知只讲了规定，没讲办法；办法要和住户当面商量。
- 请物业一起上门，让安全要求和住户的难处摆在同一张桌上。

## 自测

> 写作提示：2 到 3 道编号题；每题先写问题，空一行，再缩进 3 个空格写一段以 `答：` 开头的答案。

1. 物业经理请居委会在限期清理通知上盖章，你首先该做什么？

   答：先弄清物业要的是检查前楼道清空，再约物业一起上门听住户的理由，商量好东西暂放到哪里，而不是马上盖章。

2. 住户说纸箱是攒着卖钱的，不能扔。你可以怎么回应？

   答：先认下这个难处，再和物业一起找一处临时存放的地方，约好多久清运一次，让楼道清空和她的需要都有着落。

## 来源

> 写作提示：列出依据：种子材料的文件名，括号里注明用了哪一部分；涉及法规的，写法规名称、条文和出处网址；各地不同的规定，注明以本地规定为准。

- 这是模板里的虚构示例，还没有来源：写完后在这里列出你的依据。
)md";

constexpr std::string_view kCase = R"md(---
id: {{id}}
kind: case
title: {{title_yaml}}
# 一句话说清这篇讲什么，显示在文档库列表和首页
summary: 一栋老楼的楼道堆满纸箱和旧家具，物业要限期清走；居委会先陪物业上门听住户的难处，三方商量出暂放和清运的办法。
tags: [楼道堆物, 消防安全, 上门沟通]
stakeholders: [居民, 物业, 居委会]
# 依据的种子材料文件名，例如 [000_a59d4bfdfc8d2710.txt]；法规写在正文的「来源」一节
sources: []
updated: {{updated}}
---

# {{title}}

> 写作提示：下面七节的标题和顺序不要改。每节先放了一个虚构的小例子，把它换成你要讲的事；写真实的事时，不要补材料里没有的人名、数字和结局。写完删掉以「写作提示」开头的段落。

## 背景与经过

> 写作提示：写背景和经过：时间、地点、谁在场、发生了什么、后来怎样。一个案例只讲一件事。

（这是一个虚构的教学例子。）一个老小区里有一栋没有电梯的楼，三楼的楼道里堆着纸箱、一个旧柜子和一辆没人骑的自行车，大多是一位独居阿姨的。下周要做消防检查，物业经理拿着一张限期清理的通知来找居委会，想请居委会一起盖章张贴。

居委会的社工没有马上盖章，而是约物业经理第二天一起上门。阿姨说，纸箱是攒着卖的，能换些零用钱；柜子想留给在外地工作的儿子，一直没人来搬；自行车不是她的。物业经理当面讲清了疏散通道不能堆物，也提出车棚角落可以腾出一块地方。

最后三方说定：纸箱暂放车棚角落，物业每月清运一次；柜子由楼组长请两位邻居周末帮着搬回屋里；自行车贴出招领。检查那天，楼道是空的。

## 决策点

> 写作提示：用编号列表写当事人面对的选择，每条写清可以怎么选。

1. **物业请居委会在通知上盖章，盖不盖？** 盖章最快；不盖，就要花时间上门。
2. **上门时谁去、先说什么？** 社工一个人去，还是请物业经理一起去；先讲规定，还是先听理由。
3. **东西放到哪里？** 一律清走，还是找一处暂放的地方，并约好清运的时间。

## 成效与教训

> 写作提示：写哪些做法有效、哪些没有，以及为什么。

- **有效：先听后定。** 阿姨的难处被听见了，她才愿意自己动手清理。
- **有效：物业在场。** 安全要求由物业当面讲清，居委会不必替物业"唱黑脸"，也不替住户做主。
- **留意：暂放只是过渡。** 过一个月要回访，看车棚角落有没有越堆越多。

## 相关方

> 写作提示：列出每个相关方是谁、想要什么。

- **住户（独居阿姨）**：东西不被随手扔掉，攒纸箱的这点收入还能有。
- **物业**：检查之前楼道清空，不因安全问题担责任。
- **居委会**：楼道安全，邻里不结怨，以后上门还有人开门。
- **楼组长和邻居**：楼道通畅；愿意搭把手，但不想得罪人。

## 讨论题

> 写作提示：编号列出工作坊上能直接拿来讨论的问题。

1. 如果阿姨不愿开门，你会先找谁了解情况？
2. 车棚角落成了新的堆物点，下一步怎么办？
3. 你所在的社区，楼道堆物通常是怎么处理的？效果如何？

## 相关指南

> 写作提示：链接到相关的指南，写成 `[指南标题](linli:指南id)`，至少一个。

- [利益相关方提出请求时怎么办](linli:pit-stakeholder-requests)
- [居民是主人，机构没有资格管个人](linli:pit-resident-boundaries)
- [摸清社区里的五方利益相关者](linli:pit-know-stakeholders)

## 来源

> 写作提示：列出依据：种子材料的文件名，括号里注明用了哪一部分；涉及法规的，写法规名称、条文和出处网址。

- 这是模板里的虚构示例，还没有来源：写完后在这里列出你的依据。
)md";

// Two decisions (start, visit), three endings: one each rated 好, 尚可 and 糟糕. Option lengths
// are kept so that the best option is never the longest (the grading audit warns otherwise), and
// the variables and the flag are each read by a 【条件：…】 paragraph.
constexpr std::string_view kDrill = R"md(---
id: {{id}}
kind: drill
title: {{title_yaml}}
# 一句话说清这个演练练什么，显示在文档库列表和首页
summary: 物业要限期清走楼道里的堆物，练习先上门听住户的难处，再和物业一起商量清理的办法。
tags: [楼道堆物, 消防安全, 上门沟通]
stakeholders: [居民, 物业, 居委会]
# 依据的种子材料文件名；法规写在正文里，写公开的法规名称和条文
sources: []
updated: {{updated}}
# practice：每选一步就给反馈；exam：反馈留到复盘
mode: practice
# 状态变量：起始值和范围，都是整数；每个变量都要在某处「条件」里用到，否则它不改变任何结果
state:
  居民信任: {start: 50, min: 0, max: 100}
  物业配合: {start: 50, min: 0, max: 100}
# 标记：选项可以打上的"是/否"事实；用到的标记都要在这里声明，设了的标记要在某处检验
flags: [已上门]
---

# {{title}}

> 写作提示：第一个 `##` 标题之前是开场：时间、地点、学员扮演谁、谁在场、刚发生了什么。下面每一节都放了一个虚构的小例子（清理楼道堆物），把它换成你的情境；写完删掉以「写作提示」开头的段落。

你在一个老小区的居委会做社工，刚上岗三个月，负责几栋老楼的日常联系。（小区、人物和情节都是虚构的。）这几栋楼没有电梯，楼道窄，住的多是老人。下周街道要来做消防检查。

## 周一上午：物业的清理通知 {#start}

> 写作提示：`## 标题 {#英文id}` 是一个节点，第一个节点是起点。先写情境，再用编号列表写选项 `1. [做什么](#去哪个节点)`；下面缩进 3 个空格写细节：效果、标记、反馈（必填）、运用或违背（至少一条，链接到指南）。

物业经理拿着一张打印好的通知来找你：三楼的楼道里堆着纸箱、一个旧柜子和一辆没人骑的自行车，大多是一位独居阿姨的。通知上写着"请于本周五前自行清理，逾期由物业统一清走"，他想请居委会一起盖章张贴。

"楼道是疏散通道，检查查到了，我们和你们都交代不过去。"

1. [在通知上盖章，周五照通知统一清走楼道里的东西](#ending-bad)
   - 效果：居民信任 -20，物业配合 +10
   - 反馈：通知贴出去，事情看起来办得最快，可阿姨是从一张纸上知道自己的东西要被清走的。没人问过她为什么堆、能挪到哪里，清理就成了对她的处置。
   - 违背：[利益相关方提出请求时怎么办](linli:pit-stakeholder-requests)
2. [先不盖章，约物业经理明天一起上门问问阿姨](#visit)
   - 效果：居民信任 +10
   - 标记：已上门
   - 反馈：消防要求是真的，期限也是真的；先听住户的理由，才找得到她愿意配合的办法。请物业一起去，也是把物业的难处摆到桌面上。
   - 运用：[利益相关方提出请求时怎么办](linli:pit-stakeholder-requests)

## 周二傍晚：敲开三楼的门 {#visit}

> 写作提示：一个节点写一个场景。选项指向的可以是下一个节点，也可以是结局。

阿姨开门时有些紧张，以为是来催她的。坐下聊了一会儿，她说：纸箱是攒着卖的，一个月能换些零用钱，家里实在放不下；旧柜子想留给在外地工作的儿子，一直没人来搬；自行车不是她的，她也不知道是谁的。

物业经理当着她的面把话说清楚：楼道是疏散通道，检查之前必须清出来；车棚角落可以腾出一块地方，但放多久、谁来管，要先说好。

1. [三方商量：纸箱挪去车棚角落，柜子请邻居周末帮着搬](#ending-good)
   - 效果：居民信任 +10，物业配合 +10
   - 反馈：办法是三方当面商量出来的：阿姨的难处有了着落，物业拿到了清空楼道的承诺，居委会做的是牵线，而不是替谁做主。
   - 运用：[摸清社区里的五方利益相关者](linli:pit-know-stakeholders)
2. [请阿姨周五前自己把楼道清空，到期清不完的就交给物业处理](#ending-fair)
   - 效果：居民信任 -5
   - 反馈：话当面说到了，期限也讲清楚了，可难处还是留给了阿姨一个人：纸箱放哪、柜子谁搬，没人帮她想。
   - 违背：[居民是主人，机构没有资格管个人](linli:pit-resident-boundaries)

## 结局：楼道清空了，阿姨也没被落下 {#ending-good}

评级：好

> 写作提示：结局是没有选项、第一段写 `评级：好`（或 `评级：尚可`、`评级：糟糕`）的节点，正文是复盘。复盘里的每一句话，都要对走到这里的每一种玩法成立；只对部分玩法成立的话，写成以 `【条件：…】` 开头的段落。最后用 `### 更好的做法` 讲更好的路径。

周四下午，楼组长和两位邻居帮阿姨把柜子搬回了屋里，纸箱码进了车棚角落，物业在那里贴了一张"暂放，每月清运一次"的小纸条。检查那天，三楼的楼道是空的。

阿姨后来跟楼组长说，她本以为居委会是来"收拾"她的。这一次，是她自己动手、邻居搭把手，把楼道清了出来。

【条件：物业配合 >= 60】物业经理也说，以后巡楼看到堆物，先和居委会打个招呼，再一起上门。

### 更好的做法

- 把这次的做法写成一张清单：谁先上门、带上谁、先问什么、东西暂放在哪里、多久清运一次，别的楼也能照着做。
- 一个月后回访一次：车棚角落有没有越堆越多，约定有没有走样。
- 没人认领的自行车不要随手处理：先在楼里贴出招领，过了期限再按小区的规定办。

## 结局：楼道清了，难处留给了阿姨 {#ending-fair}

评级：尚可

> 写作提示：「尚可」的结局写清哪一步做对了、哪一步还差一点。

周五晚上，阿姨一个人把纸箱一趟趟拖下楼，卖掉一部分，剩下的堆回自己家里；柜子太沉，她搬不动，物业按通知清走了。检查那天楼道是通的，可阿姨再见到居委会的人，话少了很多。

【条件：已上门】你上过门、听过她的理由，她知道这件事不是冲着她来的；只是听完之后，办法还是留给了她一个人去想。

### 更好的做法

- 听完理由，接着一起想办法：纸箱能不能暂放到车棚，柜子能不能请邻居帮着搬。
- 把物业也拉进商量里：期限可以由物业定，东西放在哪里、谁来帮忙，由三方一起定。

## 结局：通知贴出去了，东西被清走了 {#ending-bad}

评级：糟糕

> 写作提示：「糟糕」的结局不责备学员，写清后果，再说问题出在哪里。

通知贴出去的第三天，阿姨把它撕了，说居委会和物业"合起伙来欺负老人"。周五物业清走了纸箱和柜子，她追到物业办公室要柜子，吵了一个下午。邻居们议论纷纷：有人觉得楼道早该清，也有人说"好歹先问一声"。检查是过了，可这栋楼的住户从此对居委会多了几分戒备。

【条件：居民信任 < 40】下一次居委会上门办别的事，开门的人先问的是："这回又要清我什么？"

问题不在要不要清：楼道是疏散通道，必须清。问题在于谁都没有先问一句为什么堆、能放到哪里，一张通知就替住户做了决定。

### 更好的做法

- 先别急着盖章：弄清物业要的是什么（检查之前楼道清空），再想怎么做到。
- 请物业经理一起上门，先听住户的理由，再当面把期限和安全要求讲清楚。
- 三方一起找去处：东西暂放在哪里、谁来帮忙搬、多久清运一次。

## 工作坊工具包 {#kit}

> 写作提示：工具包是最后一节，不是节点，下面五个 `###` 小节都要有。还没想好的小节，先写一句打算。

### 去哪里看

- 找一栋没有电梯的老楼，从一楼走到顶楼，记下楼道里堆了什么、挡没挡住通行。
- 跟物业的巡楼人员走一趟，问问他们平时怎么处理堆物。

### 参考案例

- [建筑垃圾房变成小花园：一次被否决后重开的议事](linli:case-waste-room-garden)：先弄清反对背后的真实原因，再重新商量。
- [第一次闯进社区，遍体鳞伤地出来](linli:case-first-community-rush)：外来的人没有立场替居民做决定。

### 课前学习

- [利益相关方提出请求时怎么办](linli:pit-stakeholder-requests)（必读）
- [居民是主人，机构没有资格管个人](linli:pit-resident-boundaries)
- [摸清社区里的五方利益相关者](linli:pit-know-stakeholders)

### 线下工作坊

约一个半小时，适合 8 到 20 名学员：

1. **0:00–0:10 开场**：讲师读开场情境，请学员写下自己小区楼道里最常见的堆物。
2. **0:10–0:40 分组推演**：四到六人一组走一遍演练，每个节点先讨论、再投票。
3. **0:40–1:10 角色扮演**：一人演阿姨，一人演物业经理，一人演社工，练第一次敲门时的那几句话。
4. **1:10–1:30 复盘**：对照三个结局，说说哪句话让对方愿意接着谈。

### 各方如何协作

- **居委会**：牵线、陪同上门，把住户的难处和物业的要求放到一张桌上，不替任何一方做决定。
- **物业**：讲清消防安全的要求和期限，提供暂放的地方，按约定清运。
- **居民**：说出自己的难处，一起商量去处；楼组长和邻居可以搭把手。
)md";

std::string_view template_of(TemplateKind kind) {
    switch (kind) {
        case TemplateKind::Guideline: return kGuideline;
        case TemplateKind::Case: return kCase;
        case TemplateKind::Drill: return kDrill;
    }
    return kGuideline;
}

const char* id_stem(TemplateKind kind) {
    switch (kind) {
        case TemplateKind::Guideline: return "pit-new";  // guideline ids start with pit- or practice-
        case TemplateKind::Case: return "case-new";
        case TemplateKind::Drill: return "drill-new";
    }
    return "pit-new";
}

// One line of text: line breaks and tabs become spaces, other control characters go, and the ends
// are trimmed (ASCII and full-width spaces).
std::string one_line(std::string_view s) {
    std::string out;
    for (char c : s) {
        unsigned char u = static_cast<unsigned char>(c);
        if (c == '\n' || c == '\r' || c == '\t') out += ' ';
        else if (u >= 0x20 && u != 0x7f) out += c;
    }
    auto starts = [&](std::string_view p) { return out.size() >= p.size() && std::string_view(out).substr(0, p.size()) == p; };
    auto ends = [&](std::string_view p) { return out.size() >= p.size() && std::string_view(out).substr(out.size() - p.size()) == p; };
    for (bool trimmed = true; trimmed;) {
        trimmed = false;
        if (starts(" ")) out.erase(0, 1), trimmed = true;
        else if (starts("\u3000")) out.erase(0, 3), trimmed = true;
        if (ends(" ")) out.pop_back(), trimmed = true;
        else if (ends("\u3000")) out.erase(out.size() - 3), trimmed = true;
    }
    return out;
}

// The title as a YAML scalar: plain when nothing in it means something to YAML, else double-quoted.
std::string yaml_scalar(const std::string& s) {
    bool plain = !s.empty() && s.find_first_of(":#[]{},&*!|>'\"%@`\\") == std::string::npos &&
                 std::string_view("-?~ ").find(s[0]) == std::string_view::npos;
    if (plain) {
        // Words YAML reads as something else than text (true, null, 12, 1.5 ...).
        bool numeric = s.find_first_not_of("0123456789+-.eE_") == std::string::npos;
        std::string lower;
        for (char c : s) lower += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
        for (const char* w : {"true", "false", "yes", "no", "on", "off", "null", "y", "n", ".inf", ".nan"})
            if (lower == w) numeric = true;
        plain = !numeric;
    }
    if (plain) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

// Fills {{name}} in one pass, so that a value holding "{{...}}" is left as written.
std::string fill(std::string_view tpl, std::string_view id, const std::string& title, std::string_view today) {
    std::string out;
    out.reserve(tpl.size() + 64);
    const std::string title_yaml = yaml_scalar(title);
    for (size_t i = 0; i < tpl.size();) {
        size_t open = tpl.find("{{", i);
        if (open == std::string_view::npos) {
            out.append(tpl.substr(i));
            break;
        }
        out.append(tpl.substr(i, open - i));
        size_t close = tpl.find("}}", open + 2);
        std::string_view name = close == std::string_view::npos ? std::string_view() : tpl.substr(open + 2, close - open - 2);
        if (name == "id") out.append(id);
        else if (name == "title") out.append(title);
        else if (name == "title_yaml") out.append(title_yaml);
        else if (name == "updated") out.append(today);
        else {
            out.append("{{");
            i = open + 2;
            continue;
        }
        i = close + 2;
    }
    return out;
}

}  // namespace

const char* default_title(TemplateKind kind) {
    switch (kind) {
        case TemplateKind::Guideline: return "新指南";
        case TemplateKind::Case: return "新案例";
        case TemplateKind::Drill: return "新演练";
    }
    return "新指南";
}

std::string document_template(TemplateKind kind, std::string_view id, std::string_view title, std::string_view today) {
    std::string t = one_line(title);
    if (t.empty()) t = default_title(kind);
    return fill(template_of(kind), one_line(id), t, one_line(today));
}

std::string new_document_id(TemplateKind kind, const std::function<bool(std::string_view)>& taken) {
    const std::string stem = id_stem(kind);
    if (!taken || !taken(stem)) return stem;
    for (int n = 2;; ++n) {
        std::string id = stem + "-" + std::to_string(n);
        if (!taken(id)) return id;
    }
}

}  // namespace linli
