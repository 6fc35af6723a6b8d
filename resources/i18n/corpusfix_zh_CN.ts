<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>corpusfix</name>
    <message>
        <source>en</source>
        <translation>zh</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Reopen with &amp;Encoding…</source>
        <translation>以其他编码重新打开(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Save Review</source>
        <translation>保存审校进度(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Close Tab</source>
        <translation>关闭标签页(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find in Text…</source>
        <translation>在文中查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Replace in Text…</source>
        <translation>在文中替换(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Next Finding</source>
        <translation>下一处(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Finding</source>
        <translation>上一处(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>接受(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>拒绝(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit Replacement…</source>
        <translation>自己修改(&amp;E)…</translation>
    </message>
    <message>
        <source>Accept All of This &amp;Kind (at ≥ Confidence)</source>
        <translation>接受本类全部（置信度不低于所设值）(&amp;K)</translation>
    </message>
    <message>
        <source>Accept All &amp;Shown</source>
        <translation>接受显示的全部(&amp;S)</translation>
    </message>
    <message>
        <source>Reject All Sho&amp;wn</source>
        <translation>拒绝显示的全部(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Ignore All Like This</source>
        <translation>忽略所有同类(&amp;I)</translation>
    </message>
    <message>
        <source>Add to &amp;Word List</source>
        <translation>加入词表(&amp;W)</translation>
    </message>
    <message>
        <source>Next &amp;Candidate</source>
        <translation>下一个候选(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Filter Findings</source>
        <translation>筛选(&amp;F)</translation>
    </message>
    <message>
        <source>Clean &amp;Preview</source>
        <translation>清理后预览(&amp;P)</translation>
    </message>
    <message>
        <source>Next &amp;Change in Diff</source>
        <translation>对照中的下一处改动(&amp;C)</translation>
    </message>
    <message>
        <source>Previous Change in &amp;Diff</source>
        <translation>对照中的上一处改动(&amp;D)</translation>
    </message>
    <message>
        <source>Next &amp;Tab (Article / Changes)</source>
        <translation>下一个标签页（原文 / 改动对照）(&amp;T)</translation>
    </message>
    <message>
        <source>Previous T&amp;ab (Article / Changes)</source>
        <translation>上一个标签页（原文 / 改动对照）(&amp;A)</translation>
    </message>
    <message>
        <source>Next A&amp;rticle</source>
        <translation>下一篇文章(&amp;R)</translation>
    </message>
    <message>
        <source>Previous Art&amp;icle</source>
        <translation>上一篇文章(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Larger Text</source>
        <translation>放大文字(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Smaller Text</source>
        <translation>缩小文字(&amp;S)</translation>
    </message>
    <message>
        <source>N&amp;ormal Text Size</source>
        <translation>正常文字大小(&amp;O)</translation>
    </message>
    <message>
        <source>Import &amp;Word List…</source>
        <translation>导入词表(&amp;W)…</translation>
    </message>
    <message>
        <source>E&amp;xport Word List…</source>
        <translation>导出词表(&amp;X)…</translation>
    </message>
    <message>
        <source>Import &amp;Confusion Pairs…</source>
        <translation>导入易混字对(&amp;C)…</translation>
    </message>
    <message>
        <source>Export Confusion &amp;Pairs…</source>
        <translation>导出易混字对(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Manage Lists…</source>
        <translation>管理词表(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>User &amp;Guide</source>
        <translation>用户手册(&amp;G)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>审校(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Lists</source>
        <translation>词表(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>F8 next finding · Ctrl+Enter accept · Ctrl+Backspace reject</source>
        <translation>F8 下一处 · Ctrl+Enter 接受 · Ctrl+Backspace 拒绝</translation>
    </message>
    <message>
        <source>&lt;b&gt;No article open.&lt;/b&gt;</source>
        <translation>&lt;b&gt;还没有打开文章。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Open one with Ctrl+O, or drop text files here.</source>
        <translation>按 Ctrl+O 打开，或把文本文件拖到这里。</translation>
    </message>
    <message>
        <source>F8 goes to the next finding, Ctrl+Enter accepts it, Ctrl+Backspace rejects it; Ctrl+? lists every shortcut, F1 opens the guide.</source>
        <translation>F8 转到下一处问题，Ctrl+Enter 接受，Ctrl+Backspace 拒绝；Ctrl+? 列出全部快捷键，F1 打开用户手册。</translation>
    </message>
    <message>
        <source>Could not open {0}: {1}</source>
        <translation>无法打开 {0}：{1}</translation>
    </message>
    <message>
        <source>Open articles</source>
        <translation>打开文章</translation>
    </message>
    <message>
        <source>Text and PDF (*.txt *.pdf);;All files (*)</source>
        <translation>文本和 PDF (*.txt *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reopen with encoding</source>
        <translation>以其他编码重新打开</translation>
    </message>
    <message>
        <source>Encoding of {0}:</source>
        <translation>{0} 的编码：</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>'{0}' added to your word list</source>
        <translation>“{0}”已加入词表</translation>
    </message>
    <message>
        <source>Review saved to {0}</source>
        <translation>审校进度已保存到 {0}</translation>
    </message>
    <message>
        <source>Exported to {0}</source>
        <translation>已导出到 {0}</translation>
    </message>
    <message>
        <source>Font size {0} pt</source>
        <translation>文字大小 {0} 磅</translation>
    </message>
    <message>
        <source>Import list</source>
        <translation>导入列表</translation>
    </message>
    <message>
        <source>Export list</source>
        <translation>导出列表</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <source>{0} entry added; reopen to re-check</source>
        <translation>已加入 {0} 条；重新打开文章后生效</translation>
    </message>
    <message>
        <source>{0} entries added; reopen to re-check</source>
        <translation>已加入 {0} 条；重新打开文章后生效</translation>
    </message>
    <message>
        <source>{0} entry written to {1}</source>
        <translation>已写出 {0} 条到 {1}</translation>
    </message>
    <message>
        <source>{0} entries written to {1}</source>
        <translation>已写出 {0} 条到 {1}</translation>
    </message>
    <message>
        <source>Unsaved review</source>
        <translation>审校进度未保存</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>用户手册</translation>
    </message>
    <message>
        <source>Restore the review?</source>
        <translation>恢复审校进度吗？</translation>
    </message>
    <message>
        <source>corpusfix was closed without saving the review of {0}: {1} decision, made at {2}. Restore it?</source>
        <translation>corpusfix 上次关闭时没有保存 {0} 的审校进度：共 {1} 个决定，在 {2}。要恢复吗？</translation>
    </message>
    <message>
        <source>corpusfix was closed without saving the review of {0}: {1} decisions, the last at {2}. Restore them?</source>
        <translation>corpusfix 上次关闭时没有保存 {0} 的审校进度：共 {1} 个决定，最后一个在 {2}。要恢复吗？</translation>
    </message>
    <message>
        <source>{0} article has decisions that are not saved. Save the review?</source>
        <translation>{0} 篇文章有未保存的决定。要保存审校进度吗？</translation>
    </message>
    <message>
        <source>{0} articles have decisions that are not saved. Save the review?</source>
        <translation>{0} 篇文章有未保存的决定。要保存审校进度吗？</translation>
    </message>
</context>
<context>
    <name>DocumentTab</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Filter findings…</source>
        <translation>筛选问题…</translation>
    </message>
    <message>
        <source>Undecided only</source>
        <translation>只看未处理</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>Changes (original | clean)</source>
        <translation>改动对照（原文 | 清理后）</translation>
    </message>
    <message>
        <source>Analysing {0}…</source>
        <translation>正在分析 {0}…</translation>
    </message>
    <message>
        <source>Analysis cancelled</source>
        <translation>已取消分析</translation>
    </message>
    <message>
        <source>{0}: {1}, {2} ({3}), {4}{5}</source>
        <translation>{0}：{1}，{2}（{3}），{4}{5}</translation>
    </message>
    <message>
        <source>{0} paragraph</source>
        <translation>{0} 段</translation>
    </message>
    <message>
        <source>{0} paragraphs</source>
        <translation>{0} 段</translation>
    </message>
    <message>
        <source>{0} finding</source>
        <translation>{0} 处问题</translation>
    </message>
    <message>
        <source>{0} findings</source>
        <translation>{0} 处问题</translation>
    </message>
    <message>
        <source> (saved review restored)</source>
        <translation>（已恢复保存的审校进度）</translation>
    </message>
    <message>
        <source>{0} of {1} shown · {2} undecided</source>
        <translation>显示 {0} / {1} 处 · {2} 处未处理</translation>
    </message>
    <message>
        <source> · checking for typos…</source>
        <translation> · 正在检查错别字…</translation>
    </message>
    <message>
        <source>No finding selected</source>
        <translation>未选中问题</translation>
    </message>
    <message>
        <source>This finding only flags a place: there is no text to edit</source>
        <translation>这处问题只是标记位置：没有可修改的文字</translation>
    </message>
    <message>
        <source>Nothing applied: the box is empty (to delete the text, use Delete)</source>
        <translation>没有修改：输入框是空的（要删除这段文字，请用“删除文字”）</translation>
    </message>
    <message>
        <source>Nothing to undo or redo</source>
        <translation>没有可撤销或重做的操作</translation>
    </message>
    <message>
        <source>Could not autosave the review: {0}</source>
        <translation>无法自动保存审校进度：{0}</translation>
    </message>
    <message>
        <source>Accepting all {0} findings at ≥ {1:.2f}…</source>
        <translation>正在接受全部 {0} 处置信度不低于 {1:.2f} 的问题…</translation>
    </message>
    <message>
        <source>Accepting the findings shown…</source>
        <translation>正在接受显示的问题…</translation>
    </message>
    <message>
        <source>Rejecting the findings shown…</source>
        <translation>正在拒绝显示的问题…</translation>
    </message>
    <message>
        <source>Cancelled: no decision was changed</source>
        <translation>已取消：没有改动任何决定</translation>
    </message>
    <message>
        <source>Cancelled: nothing was replaced</source>
        <translation>已取消：一处也没有替换</translation>
    </message>
    <message>
        <source>Replacing every '{0}'…</source>
        <translation>正在替换所有“{0}”…</translation>
    </message>
    <message>
        <source>Showing the changes…</source>
        <translation>正在显示改动…</translation>
    </message>
    <message>
        <source>{0} finding decided (Ctrl+Z takes it back)</source>
        <translation>已处理 {0} 处问题（Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>{0} findings decided (Ctrl+Z takes them back)</source>
        <translation>已处理 {0} 处问题（Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>The clean preview cannot be edited (F9 goes back)</source>
        <translation>清理后预览不能编辑（按 F9 返回）</translation>
    </message>
    <message>
        <source>'{0}' is not in the text</source>
        <translation>文中没有“{0}”</translation>
    </message>
    <message>
        <source>{0} replaced</source>
        <translation>已替换 {0} 处</translation>
    </message>
    <message>
        <source>; {0} left where a decided change holds the text</source>
        <translation>；{0} 处因已有决定而保留</translation>
    </message>
    <message>
        <source>loading</source>
        <translation>正在读取</translation>
    </message>
    <message>
        <source>detecting</source>
        <translation>正在检查</translation>
    </message>
    <message>
        <source>checking typos</source>
        <translation>正在检查错别字</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation>候选</translation>
    </message>
    <message>
        <source>Your own text (Return applies it)</source>
        <translation>自己修改（回车生效）</translation>
    </message>
    <message>
        <source>Delete text</source>
        <translation>删除文字</translation>
    </message>
    <message>
        <source>Delete the marked text</source>
        <translation>删去标出的文字</translation>
    </message>
    <message>
        <source>Join the lines</source>
        <translation>把两行接起来</translation>
    </message>
    <message>
        <source>No finding selected</source>
        <translation>未选中问题</translation>
    </message>
    <message>
        <source>Go to the kept original (line {0})</source>
        <translation>转到保留的原文（第 {0} 行）</translation>
    </message>
    <message>
        <source>confidence</source>
        <translation>置信度</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export clean text</source>
        <translation>导出清理后的文本</translation>
    </message>
    <message>
        <source>Write the HTML report</source>
        <translation>同时写出 HTML 报告</translation>
    </message>
    <message>
        <source>Clean text</source>
        <translation>清理后的文本</translation>
    </message>
    <message>
        <source>Change log</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>same as the input</source>
        <translation>与原文相同</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Clean text: {0}</source>
        <translation>清理后的文本：{0}</translation>
    </message>
    <message>
        <source>Change log: {0}</source>
        <translation>修改记录：{0}</translation>
    </message>
    <message>
        <source>Report: {0}</source>
        <translation>报告：{0}</translation>
    </message>
    <message>
        <source>{0} of these files exists and will be replaced.</source>
        <translation>其中 {0} 个文件已存在，将被替换。</translation>
    </message>
    <message>
        <source>{0} of these files exist and will be replaced.</source>
        <translation>其中 {0} 个文件已存在，将被替换。</translation>
    </message>
    <message>
        <source>Export these files?</source>
        <translation>导出这些文件吗？</translation>
    </message>
    <message>
        <source>{0} finding is still undecided; it is logged as pending.</source>
        <translation>还有 {0} 处未处理，将记为待定。</translation>
    </message>
    <message>
        <source>{0} findings are still undecided; they are logged as pending.</source>
        <translation>还有 {0} 处未处理，将记为待定。</translation>
    </message>
    <message>
        <source>Every finding has been decided.</source>
        <translation>所有问题都已处理。</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>Findings</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>join</source>
        <translation>接起来</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>The clean preview cannot be edited (F9 goes back)</source>
        <translation>清理后预览不能编辑（按 F9 返回）</translation>
    </message>
</context>
<context>
    <name>BulkRun</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Showing the changes…</source>
        <translation>正在显示改动…</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in the text</source>
        <translation>在文中查找</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>替换为</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>Search…</source>
        <translation>搜索…</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>删除选中的条目</translation>
    </message>
    <message>
        <source>{0} of {1} entry</source>
        <translation>显示 {0} / {1} 条</translation>
    </message>
    <message>
        <source>{0} of {1} entries</source>
        <translation>显示 {0} / {1} 条</translation>
    </message>
</context>
<context>
    <name>ListsDialog</name>
    <message>
        <source>Your word lists</source>
        <translation>我的词表</translation>
    </message>
    <message>
        <source>Changes apply to articles opened (or reopened) from now on.</source>
        <translation>修改对此后打开（或重新打开）的文章生效。</translation>
    </message>
    <message>
        <source>Words never flagged</source>
        <translation>不再标记的词</translation>
    </message>
    <message>
        <source>Confusion pairs always checked</source>
        <translation>总要检查的易混字对</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>corpusfix — QA review</source>
        <translation>corpusfix — 质检复核</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>复核(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Approve change</source>
        <translation>通过这处改动(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Revert change</source>
        <translation>撤回这处改动(&amp;R)</translation>
    </message>
    <message>
        <source>Approve all in &amp;file</source>
        <translation>通过本文件全部改动(&amp;F)</translation>
    </message>
    <message>
        <source>Revert this &amp;kind in file</source>
        <translation>撤回本文件中这一类改动(&amp;K)</translation>
    </message>
    <message>
        <source>Approve everything &amp;unreviewed</source>
        <translation>通过所有未复核的改动(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Next change</source>
        <translation>下一处改动(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous change</source>
        <translation>上一处改动(&amp;P)</translation>
    </message>
    <message>
        <source>Next f&amp;ile</source>
        <translation>下一个文件(&amp;I)</translation>
    </message>
    <message>
        <source>Previous fi&amp;le</source>
        <translation>上一个文件(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Save (regenerate clean files)</source>
        <translation>保存（重新生成清理后的文件）(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>放大文字(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>缩小文字(&amp;S)</translation>
    </message>
    <message>
        <source>N&amp;ormal text size</source>
        <translation>正常文字大小(&amp;O)</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>changes</source>
        <translation>改动数</translation>
    </message>
    <message>
        <source>kinds</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>lowest confidence</source>
        <translation>最低置信度</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>已复核</translation>
    </message>
    <message>
        <source>id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>detector</source>
        <translation>检测器</translation>
    </message>
    <message>
        <source>confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>verdict</source>
        <translation>复核结论</translation>
    </message>
    <message>
        <source>change</source>
        <translation>改动</translation>
    </message>
    <message>
        <source>why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>evidence</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>{0}: {1} change, {2} reviewed, {3} reverted</source>
        <translation>{0}：{1} 处改动，已复核 {2} 处，撤回 {3} 处</translation>
    </message>
    <message>
        <source>{0}: {1} changes, {2} reviewed, {3} reverted</source>
        <translation>{0}：{1} 处改动，已复核 {2} 处，撤回 {3} 处</translation>
    </message>
    <message>
        <source>Clean files and change logs regenerated</source>
        <translation>已重新生成清理后的文件、修改记录和报告</translation>
    </message>
    <message>
        <source>Unsaved verdicts</source>
        <translation>复核结论未保存</translation>
    </message>
    <message>
        <source>The verdicts on {0} file are not saved. Regenerate it now?</source>
        <translation>{0} 个文件的复核结论还没有保存。现在重新生成吗？</translation>
    </message>
    <message>
        <source>The verdicts on {0} files are not saved. Regenerate them now?</source>
        <translation>{0} 个文件的复核结论还没有保存。现在重新生成吗？</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
</TS>
