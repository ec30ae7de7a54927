<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Flashcards</source>
        <translation>Flashcards 闪卡</translation>
    </message>
    <message>
        <source>This collection was saved by a newer version of Flashcards. Update Flashcards to open it; your cards are safe and unchanged.</source>
        <translation>这个卡片集由更新版本的 Flashcards 保存。请升级 Flashcards 后再打开；你的卡片安全无损。</translation>
    </message>
    <message>
        <source>The collection is open in another Flashcards program (a command in a terminal, perhaps). Close it, then start Flashcards again.</source>
        <translation>卡片集已被另一个 Flashcards 程序打开（可能是终端里的命令）。请先关闭它，再重新启动 Flashcards。</translation>
    </message>
    <message>
        <source>The collection file cannot be opened. It may be damaged or not a Flashcards collection:
%1

Move it away (keep a copy) and start Flashcards again to begin a new collection, or go back to a backup (flashcards backups, flashcards restore).</source>
        <translation>无法打开卡片集文件，它可能已损坏，或者不是 Flashcards 的卡片集：
%1

请把它移走（保留一份副本），然后重新启动 Flashcards 新建卡片集；或者恢复到某个备份（flashcards backups、flashcards restore）。</translation>
    </message>
    <message>
        <source>Flashcards cannot save into its data folder:
%1

Check that the disk is not full and that you may write there.</source>
        <translation>Flashcards 无法在数据文件夹中保存：
%1

请检查磁盘是否已满，以及你是否有写入权限。</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>出错了：%1</translation>
    </message>
</context>
<context>
    <name>BackupController</name>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backed up at %1.</source>
        <translation>已于 %1 备份。</translation>
    </message>
    <message>
        <source>Backup failed: %1</source>
        <translation>备份失败：%1</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Restore Backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>The collection cannot be opened again: %1</source>
        <translation>无法重新打开卡片集：%1</translation>
    </message>
    <message>
        <source>The backup was not restored: %1</source>
        <translation>备份未恢复：%1</translation>
    </message>
    <message>
        <source>The backup was restored.</source>
        <translation>备份已恢复。</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Restore the backup of %1 (%2 cards)? The collection as it is now is backed up first, so this can be undone.</source>
        <translation>恢复 %1 的备份（%2 张卡片）？当前的卡片集会先备份，因此可以撤销。</translation>
    </message>
    <message>
        <source>Restore Backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>on close</source>
        <translation>关闭时</translation>
    </message>
    <message>
        <source>before restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>&amp;Backups of your collection, newest first. One is taken every 30 minutes of use and when Flashcards closes.</source>
        <translation>卡片集的备份(&amp;B)，最新的在前。每使用 30 分钟以及 Flashcards 关闭时各备份一次。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>复习次数</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Back &amp;Up Now</source>
        <translation>立即备份(&amp;U)</translation>
    </message>
    <message>
        <source>Back Up Now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>Restore the selected backup</source>
        <translation>恢复所选备份</translation>
    </message>
</context>
<context>
    <name>BrowserWindow</name>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>Note saved.</source>
        <translation>笔记已保存。</translation>
    </message>
    <message>
        <source>This card has no deck file.</source>
        <translation>这张卡片没有对应的牌组文件。</translation>
    </message>
    <message>
        <source>Opened %1 — the note starts at line %2.</source>
        <translation>已打开 %1 —— 笔记从第 %2 行开始。</translation>
    </message>
    <message>
        <source>Could not open %1.</source>
        <translation>无法打开 %1。</translation>
    </message>
    <message>
        <source>Cards come from deck files: to delete one, remove its note from the file (Open source, Ctrl+Shift+O).</source>
        <translation>卡片来自牌组文件：要删除卡片，请在文件中删除它的笔记（打开源文件，Ctrl+Shift+O）。</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>No cards match.</source>
        <translation>没有匹配的卡片。</translation>
    </message>
    <message>
        <source>This card no longer exists.</source>
        <translation>这张卡片已不存在。</translation>
    </message>
    <message>
        <source>1 card</source>
        <translation>1 张卡片</translation>
    </message>
    <message>
        <source>%1 cards</source>
        <translation>%1 张卡片</translation>
    </message>
    <message>
        <source>%1 selected of %2</source>
        <translation>已选 %1 / 共 %2</translation>
    </message>
    <message>
        <source>Browse cards</source>
        <translation>浏览卡片</translation>
    </message>
    <message>
        <source>&amp;Cards</source>
        <translation>卡片(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Card actions</source>
        <translation>卡片操作</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Preview pane</source>
        <translation>预览窗格(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Edit note…</source>
        <translation>编辑笔记(&amp;E)…</translation>
    </message>
    <message>
        <source>Open &amp;source</source>
        <translation>打开源文件(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Suspend</source>
        <translation>暂停(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Unsuspend</source>
        <translation>恢复(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Bury</source>
        <translation>搁置(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Reset…</source>
        <translation>重置(&amp;R)…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>卡片</translation>
    </message>
</context>
<context>
    <name>BulkChanges</name>
    <message>
        <source>Updating 1 card…</source>
        <translation>正在更新 1 张卡片…</translation>
    </message>
    <message>
        <source>Updating %1 cards…</source>
        <translation>正在更新 %1 张卡片…</translation>
    </message>
    <message>
        <source>Reset cards</source>
        <translation>重置卡片</translation>
    </message>
    <message>
        <source>Make this card new again? Its review history is kept, but its interval starts over.</source>
        <translation>把这张卡片重新设为新卡片？复习记录会保留，但间隔将从头开始。</translation>
    </message>
    <message>
        <source>Make these %1 cards new again? Their review history is kept, but their intervals start over.</source>
        <translation>把这 %1 张卡片重新设为新卡片？复习记录会保留，但间隔将从头开始。</translation>
    </message>
    <message>
        <source>Suspended 1 card.</source>
        <translation>已暂停 1 张卡片。</translation>
    </message>
    <message>
        <source>Suspended %1 cards.</source>
        <translation>已暂停 %1 张卡片。</translation>
    </message>
    <message>
        <source>Unsuspended 1 card.</source>
        <translation>已恢复 1 张卡片。</translation>
    </message>
    <message>
        <source>Unsuspended %1 cards.</source>
        <translation>已恢复 %1 张卡片。</translation>
    </message>
    <message>
        <source>Buried 1 card until tomorrow.</source>
        <translation>已将 1 张卡片搁置到明天。</translation>
    </message>
    <message>
        <source>Buried %1 cards until tomorrow.</source>
        <translation>已将 %1 张卡片搁置到明天。</translation>
    </message>
    <message>
        <source>Reset 1 card to new.</source>
        <translation>已将 1 张卡片重置为新卡片。</translation>
    </message>
    <message>
        <source>Reset %1 cards to new.</source>
        <translation>已将 %1 张卡片重置为新卡片。</translation>
    </message>
    <message>
        <source>Not all cards were changed: %1</source>
        <translation>部分卡片未能更改：%1</translation>
    </message>
</context>
<context>
    <name>CardPreview</name>
    <message>
        <source>Select a card to preview it.</source>
        <translation>选择一张卡片进行预览。</translation>
    </message>
    <message>
        <source>Front</source>
        <translation>正面</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>背面</translation>
    </message>
    <message>
        <source>Card front</source>
        <translation>卡片正面</translation>
    </message>
    <message>
        <source>Card back</source>
        <translation>卡片背面</translation>
    </message>
</context>
<context>
    <name>CardTableModel</name>
    <message>
        <source>Prompt</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>Deck</source>
        <translation>牌组</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Ease</source>
        <translation>难易度</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>复习次数</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新卡片</translation>
    </message>
    <message>
        <source>Learning</source>
        <translation>学习中</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>已排期</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Buried</source>
        <translation>已搁置</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Cloze %1</source>
        <translation>填空 %1</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>Basic</source>
        <translation>基础</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
</context>
<context>
    <name>ChartSaveDialog</name>
    <message>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <source>Save as PNG…</source>
        <translation>另存为 PNG…</translation>
    </message>
</context>
<context>
    <name>DeckErrorsPanel</name>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>No problems in your decks.</source>
        <translation>你的牌组没有问题。</translation>
    </message>
    <message>
        <source>%1 and %2 in deck files. Click one to open the file at its line.</source>
        <translation>牌组文件中有 %1、%2。点击一项即可在对应行打开文件。</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 个错误</translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation>%1 个错误</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 个警告</translation>
    </message>
    <message>
        <source>%1 warnings</source>
        <translation>%1 个警告</translation>
    </message>
    <message>
        <source>Deck problems</source>
        <translation>牌组问题</translation>
    </message>
</context>
<context>
    <name>DeckPage</name>
    <message>
        <source>new</source>
        <translation>新卡片</translation>
    </message>
    <message>
        <source>learning</source>
        <translation>学习中</translation>
    </message>
    <message>
        <source>review</source>
        <translation>待复习</translation>
    </message>
    <message>
        <source>Due today: %1</source>
        <translation>今日待学：%1</translation>
    </message>
    <message>
        <source>Answered today: %1</source>
        <translation>今日已答：%1</translation>
    </message>
    <message>
        <source>Reading your decks…</source>
        <translation>正在读取牌组…</translation>
    </message>
    <message>
        <source>Opening your collection. The very first start also reads every bundled deck, which takes a few seconds.</source>
        <translation>正在打开你的卡片集。首次启动还会读取所有内置牌组，需要几秒钟。</translation>
    </message>
    <message>
        <source>No decks yet</source>
        <translation>还没有牌组</translation>
    </message>
    <message>
        <source>Decks are Markdown files. Add a folder of them and Flashcards reads every deck inside it.</source>
        <translation>牌组就是 Markdown 文件。添加一个存放牌组的文件夹，Flashcards 会读取其中的每个牌组。</translation>
    </message>
    <message>
        <source>All decks</source>
        <translation>全部牌组</translation>
    </message>
    <message>
        <source>Choose a deck on the left to study only that deck.</source>
        <translation>在左侧选择一个牌组，即可只学习该牌组。</translation>
    </message>
    <message>
        <source>A folder of %1 decks.</source>
        <translation>包含 %1 个牌组的文件夹。</translation>
    </message>
    <message>
        <source>This deck has no description.</source>
        <translation>这个牌组没有简介。</translation>
    </message>
    <message>
        <source>%1 cards in total.</source>
        <translation>共 %1 张卡片。</translation>
    </message>
    <message>
        <source>Left today: %1</source>
        <translation>今日剩余：%1</translation>
    </message>
    <message>
        <source>Nothing due today</source>
        <translation>今天没有待学卡片</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>学习</translation>
    </message>
    <message>
        <source>Flashcards comes with %1 decks on backend engineering: Kubernetes, Docker, Redis, caching, databases, security and more. Each card is written in Markdown, with real code and YAML.</source>
        <translation>Flashcards 自带 %1 个后端工程牌组：Kubernetes、Docker、Redis、缓存、数据库、安全等。每张卡片都用 Markdown 编写，包含真实的代码和 YAML。</translation>
    </message>
    <message>
        <source>Choose a deck and press &lt;b&gt;Study&lt;/b&gt; (or S). Show the answer with Space, then grade how well you remembered with the number keys. Up to %1 new cards a day per deck; the reviews come back just before you would forget them.</source>
        <translation>选择一个牌组，然后点击&lt;b&gt;学习&lt;/b&gt;（或按 S）。按空格键显示答案，再用数字键评价记得多好。每个牌组每天最多 %1 张新卡片；复习会在你快要忘记之前出现。</translation>
    </message>
    <message>
        <source>Your own decks: add a folder of Markdown files in Settings → Deck folders.</source>
        <translation>使用自己的牌组：在“设置 → 牌组文件夹”中添加一个 Markdown 文件夹。</translation>
    </message>
    <message>
        <source>Welcome to Flashcards</source>
        <translation>欢迎使用 Flashcards</translation>
    </message>
    <message>
        <source>Decks</source>
        <translation>牌组</translation>
    </message>
    <message>
        <source>Add a Deck Folder…</source>
        <translation>添加牌组文件夹…</translation>
    </message>
    <message>
        <source>Study the chosen deck (S)</source>
        <translation>学习所选牌组（S）</translation>
    </message>
</context>
<context>
    <name>DeckTreeModel</name>
    <message>
        <source>Bundled decks</source>
        <translation>内置牌组</translation>
    </message>
    <message>
        <source>My decks</source>
        <translation>我的牌组</translation>
    </message>
    <message>
        <source>Deck</source>
        <translation>牌组</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新卡片</translation>
    </message>
    <message>
        <source>Learning</source>
        <translation>学习中</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>待复习</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新卡片</translation>
    </message>
    <message>
        <source>learning</source>
        <translation>学习中</translation>
    </message>
    <message>
        <source>review</source>
        <translation>待复习</translation>
    </message>
    <message>
        <source>%1 cards</source>
        <translation>%1 张卡片</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All decks</source>
        <translation>全部牌组</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Search prompts, answers and tags (Ctrl+F)</source>
        <translation>搜索问题、答案和标签（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search cards</source>
        <translation>搜索卡片</translation>
    </message>
    <message>
        <source>&amp;Deck:</source>
        <translation>牌组(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Tag:</source>
        <translation>标签(&amp;T)：</translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>Deck filter</source>
        <translation>牌组筛选</translation>
    </message>
    <message>
        <source>Tag filter</source>
        <translation>标签筛选</translation>
    </message>
    <message>
        <source>State filter</source>
        <translation>状态筛选</translation>
    </message>
</context>
<context>
    <name>Grades</name>
    <message>
        <source>Blackout</source>
        <translation>完全忘记</translation>
    </message>
    <message>
        <source>Wrong</source>
        <translation>答错</translation>
    </message>
    <message>
        <source>Almost</source>
        <translation>差一点</translation>
    </message>
    <message>
        <source>Hard</source>
        <translation>困难</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>Easy</source>
        <translation>简单</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>重来</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>%1d</source>
        <translation>%1天</translation>
    </message>
    <message>
        <source>%1mo</source>
        <translation>%1个月</translation>
    </message>
    <message>
        <source>%1y</source>
        <translation>%1年</translation>
    </message>
</context>
<context>
    <name>MainController</name>
    <message>
        <source>Counting the decks failed: %1</source>
        <translation>统计牌组失败：%1</translation>
    </message>
    <message>
        <source>Syncing decks…</source>
        <translation>正在同步牌组…</translation>
    </message>
    <message>
        <source>%1 decks, %2 cards.</source>
        <translation>%1 个牌组，%2 张卡片。</translation>
    </message>
    <message>
        <source>Last sync: %1 notes added, %2 changed, %3 removed.</source>
        <translation>上次同步：新增 %1 条笔记，修改 %2 条，删除 %3 条。</translation>
    </message>
    <message>
        <source>Reading the decks failed.</source>
        <translation>读取牌组失败。</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>同步失败</translation>
    </message>
    <message>
        <source>The deck files could not be read into the collection: %1</source>
        <translation>无法把牌组文件读入卡片集：%1</translation>
    </message>
    <message>
        <source>Cannot open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>No application could open %1.</source>
        <translation>没有应用程序能打开 %1。</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Cannot start studying</source>
        <translation>无法开始学习</translation>
    </message>
    <message>
        <source>Deck Problems</source>
        <translation>牌组问题</translation>
    </message>
    <message>
        <source>About Flashcards</source>
        <translation>关于 Flashcards</translation>
    </message>
    <message>
        <source>Spaced repetition for engineers: Markdown decks, exact SM-2, your data on your computer.</source>
        <translation>为工程师打造的间隔重复：Markdown 牌组、精确的 SM-2 算法，数据只保存在你的电脑上。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Deck Problems (%1)…</source>
        <translation>牌组问题（%1）…</translation>
    </message>
    <message>
        <source>Flashcards</source>
        <translation>Flashcards 闪卡</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>前往(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Card</source>
        <translation>卡片(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>学习</translation>
    </message>
    <message>
        <source>Study the chosen deck</source>
        <translation>学习所选牌组</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>Search and browse every card</source>
        <translation>搜索和浏览所有卡片</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Reviews, retention, forecast</source>
        <translation>复习量、记忆保持率、预测</translation>
    </message>
    <message>
        <source>Sync Decks</source>
        <translation>同步牌组</translation>
    </message>
    <message>
        <source>Read changed deck files again</source>
        <translation>重新读取有改动的牌组文件</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Limits, grading, theme, language</source>
        <translation>每日上限、评分方式、主题、语言</translation>
    </message>
    <message>
        <source>Backups…</source>
        <translation>备份…</translation>
    </message>
    <message>
        <source>Back up the collection or restore a backup</source>
        <translation>备份卡片集或恢复备份</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Quit Flashcards</source>
        <translation>退出 Flashcards</translation>
    </message>
    <message>
        <source>About Flashcards</source>
        <translation>关于 Flashcards</translation>
    </message>
    <message>
        <source>Not available in this build</source>
        <translation>此版本不提供该功能</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>处理中</translation>
    </message>
</context>
<context>
    <name>NoteEditorDialog</name>
    <message>
        <source>Edit note — %1</source>
        <translation>编辑笔记 — %1</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1，第 %2 行</translation>
    </message>
    <message>
        <source>Nothing to preview: the note needs a &apos;## &apos; heading.</source>
        <translation>无法预览：笔记需要一个“## ”标题。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <source>The file changed on disk. Reload to see the changes (your edit will be replaced), or keep editing and save to be told again.</source>
        <translation>磁盘上的文件已改动。重新载入可查看改动（你的编辑会被替换），或者继续编辑，保存时会再次提醒。</translation>
    </message>
    <message>
        <source>Reloaded: the file changed on disk.</source>
        <translation>已重新载入：磁盘上的文件已改动。</translation>
    </message>
    <message>
        <source>Reload note</source>
        <translation>重新载入笔记</translation>
    </message>
    <message>
        <source>Replace your edit with the note as it is in the file now?</source>
        <translation>用文件中当前的笔记替换你的编辑？</translation>
    </message>
    <message>
        <source>Reloaded from the file.</source>
        <translation>已从文件重新载入。</translation>
    </message>
    <message>
        <source>Opened %1 in your editor: the note starts at line %2. Saved changes reload here.</source>
        <translation>已在你的编辑器中打开 %1：笔记从第 %2 行开始。保存后的改动会在这里重新载入。</translation>
    </message>
    <message>
        <source>Could not open %1.</source>
        <translation>无法打开 %1。</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃更改</translation>
    </message>
    <message>
        <source>The note has changes that are not saved. Close and discard them?</source>
        <translation>笔记有未保存的更改。要关闭并放弃这些更改吗？</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>编辑笔记</translation>
    </message>
    <message>
        <source>Note Markdown</source>
        <translation>笔记 Markdown</translation>
    </message>
    <message>
        <source>Card to preview</source>
        <translation>预览的卡片</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>重新载入(&amp;R)</translation>
    </message>
    <message>
        <source>Open in e&amp;xternal editor</source>
        <translation>在外部编辑器中打开(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save into the deck file (Ctrl+S)</source>
        <translation>保存到牌组文件（Ctrl+S）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <source>Preparing cards…</source>
        <translation>正在准备卡片…</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Answer %1</source>
        <translation>评为“%1”</translation>
    </message>
    <message>
        <source>%1: next review %2 (key %3)</source>
        <translation>%1：下次复习 %2（按键 %3）</translation>
    </message>
    <message>
        <source>Left in this session: %1 new, %2 learning, %3 review</source>
        <translation>本次剩余：新卡片 %1，学习中 %2，待复习 %3</translation>
    </message>
    <message>
        <source>Show Answer</source>
        <translation>显示答案</translation>
    </message>
    <message>
        <source>Undo Last Answer</source>
        <translation>撤销上次作答</translation>
    </message>
    <message>
        <source>Suspend Card</source>
        <translation>暂停卡片</translation>
    </message>
    <message>
        <source>Bury Card Until Tomorrow</source>
        <translation>搁置卡片到明天</translation>
    </message>
    <message>
        <source>Edit Note…</source>
        <translation>编辑笔记…</translation>
    </message>
    <message>
        <source>Open Source File</source>
        <translation>打开源文件</translation>
    </message>
    <message>
        <source>Back to Decks</source>
        <translation>返回牌组</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>Deck</source>
        <translation>牌组</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Choose a Folder of Decks</source>
        <translation>选择牌组文件夹</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>学习</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Deck folders</source>
        <translation>牌组文件夹</translation>
    </message>
    <message>
        <source>New cards per day:</source>
        <translation>每天新卡片数：</translation>
    </message>
    <message>
        <source>Reviews per day:</source>
        <translation>每天复习上限：</translation>
    </message>
    <message>
        <source>Next day starts at:</source>
        <translation>新的一天开始于：</translation>
    </message>
    <message>
        <source>Answer buttons:</source>
        <translation>评分按钮：</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>Card font size:</source>
        <translation>卡片字号：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>New cards each deck introduces per day</source>
        <translation>每个牌组每天引入的新卡片数</translation>
    </message>
    <message>
        <source>Most reviews each deck shows per day</source>
        <translation>每个牌组每天最多显示的复习数</translation>
    </message>
    <message>
        <source>Cards answered before this hour count for the previous day</source>
        <translation>在这个时刻之前作答的卡片计入前一天</translation>
    </message>
    <message>
        <source>px</source>
        <translation>像素</translation>
    </message>
    <message>
        <source>4 buttons: Again, Hard, Good, Easy (keys 1-4)</source>
        <translation>4 个按钮：重来、困难、良好、简单（按键 1-4）</translation>
    </message>
    <message>
        <source>6 buttons: SuperMemo grades 0-5 (keys 0-5)</source>
        <translation>6 个按钮：SuperMemo 评分 0-5（按键 0-5）</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Folders of Markdown decks, read with the bundled decks. Flashcards never changes these files, except when you edit a note.</source>
        <translation>存放 Markdown 牌组的文件夹，与内置牌组一起读取。除非你编辑笔记，Flashcards 不会改动这些文件。</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>StatsWindow</name>
    <message>
        <source>Computing statistics…</source>
        <translation>正在计算统计数据…</translation>
    </message>
    <message>
        <source>Statistics could not be computed: %1</source>
        <translation>无法计算统计数据：%1</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>截至 %1</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>重来</translation>
    </message>
    <message>
        <source>Hard</source>
        <translation>困难</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>Easy</source>
        <translation>简单</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>1 review in the last year</source>
        <translation>过去一年共 1 次复习</translation>
    </message>
    <message>
        <source>%1 reviews in the last year</source>
        <translation>过去一年共 %1 次复习</translation>
    </message>
    <message>
        <source>1 card due on %2</source>
        <translation>%2 到期 1 张卡片</translation>
    </message>
    <message>
        <source>%1 cards due on %2</source>
        <translation>%2 到期 %1 张卡片</translation>
    </message>
    <message>
        <source>%2: 1 answer</source>
        <translation>%2：1 次作答</translation>
    </message>
    <message>
        <source>%2: %1 answers</source>
        <translation>%2：%1 次作答</translation>
    </message>
    <message>
        <source>%2: 1 card</source>
        <translation>%2：1 张卡片</translation>
    </message>
    <message>
        <source>%2: %1 cards</source>
        <translation>%2：%1 张卡片</translation>
    </message>
    <message>
        <source>1 review on %2</source>
        <translation>%2：1 次复习</translation>
    </message>
    <message>
        <source>%1 reviews on %2</source>
        <translation>%2：%1 次复习</translation>
    </message>
    <message>
        <source>Reviews per day, last %1 days</source>
        <translation>每日复习量（最近 %1 天）</translation>
    </message>
    <message>
        <source>1 review</source>
        <translation>1 次复习</translation>
    </message>
    <message>
        <source>%1 reviews</source>
        <translation>%1 次复习</translation>
    </message>
    <message>
        <source>2–7 d</source>
        <translation>2–7 天</translation>
    </message>
    <message>
        <source>8–30 d</source>
        <translation>8–30 天</translation>
    </message>
    <message>
        <source>1–3 mo</source>
        <translation>1–3 个月</translation>
    </message>
    <message>
        <source>3–12 mo</source>
        <translation>3–12 个月</translation>
    </message>
    <message>
        <source>&gt; 1 year</source>
        <translation>超过 1 年</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>reviews today</source>
        <translation>今日复习</translation>
    </message>
    <message>
        <source>retention today</source>
        <translation>今日保持率</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>new cards</source>
        <translation>新卡片</translation>
    </message>
    <message>
        <source>cards</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>streak</source>
        <translation>连续天数</translation>
    </message>
    <message>
        <source>Review calendar</source>
        <translation>复习日历</translation>
    </message>
    <message>
        <source>Less</source>
        <translation>少</translation>
    </message>
    <message>
        <source>More</source>
        <translation>多</translation>
    </message>
    <message>
        <source>Due in the next 30 days</source>
        <translation>未来 30 天到期</translation>
    </message>
    <message>
        <source>Retention per deck, last 30 days (graded 3 or more)</source>
        <translation>各牌组保持率，最近 30 天（评分 3 分及以上）</translation>
    </message>
    <message>
        <source>Answer buttons</source>
        <translation>评分按钮</translation>
    </message>
    <message>
        <source>Intervals of review cards</source>
        <translation>复习卡片的间隔</translation>
    </message>
    <message>
        <source>No data yet: study a few cards first.</source>
        <translation>还没有数据：先学习几张卡片吧。</translation>
    </message>
    <message>
        <source>No reviews in the last 30 days.</source>
        <translation>最近 30 天没有复习。</translation>
    </message>
    <message>
        <source>Reviews per day:</source>
        <translation>每日复习量：</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 天</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 天</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Compute the statistics again (F5)</source>
        <translation>重新计算统计数据（F5）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Press the menu key or Ctrl+S to save this chart as PNG</source>
        <translation>按菜单键或 Ctrl+S 将此图表保存为 PNG</translation>
    </message>
</context>
<context>
    <name>SummaryView</name>
    <message>
        <source>%1 (%2 answers)</source>
        <translation>%1（共 %2 次作答）</translation>
    </message>
    <message>
        <source>Nothing is due in these decks right now.</source>
        <translation>这些牌组现在没有待学的卡片。</translation>
    </message>
    <message>
        <source>Well done. Come back tomorrow: spaced repetition works one day at a time.</source>
        <translation>做得好！明天再来：间隔重复贵在每天坚持。</translation>
    </message>
    <message>
        <source>Session complete</source>
        <translation>本次学习完成</translation>
    </message>
    <message>
        <source>Cards answered:</source>
        <translation>作答卡片：</translation>
    </message>
    <message>
        <source>New cards learned:</source>
        <translation>学会的新卡片：</translation>
    </message>
    <message>
        <source>Forgotten (seen again today):</source>
        <translation>忘记的（今天再次出现）：</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>用时：</translation>
    </message>
    <message>
        <source>Retention this session:</source>
        <translation>本次保持率：</translation>
    </message>
    <message>
        <source>Retention today:</source>
        <translation>今日保持率：</translation>
    </message>
    <message>
        <source>Back to Decks</source>
        <translation>返回牌组</translation>
    </message>
    <message>
        <source>Back to Decks (Esc)</source>
        <translation>返回牌组（Esc）</translation>
    </message>
</context>
</TS>
