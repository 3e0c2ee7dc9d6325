<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BackBar</name>
    <message>
        <source>◀ 返回批量列表</source>
        <translation>◀ Back to the batch list</translation>
    </message>
    <message>
        <source>批量检查中的第 {n} / {total} 份</source>
        <translation>Draft {n} of {total} in the batch</translation>
    </message>
</context>
<context>
    <name>BatchCopies</name>
    <message>
        <source>导出汇总表</source>
        <translation>Export overview</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>无法保存“{path}”：{reason}</source>
        <translation>Could not save “{path}”: {reason}</translation>
    </message>
    <message>
        <source>已导出汇总表（写入 1 个文件）：{path}</source>
        <translation>Overview exported (1 file written): {path}</translation>
    </message>
    <message>
        <source>导出检查摘要</source>
        <translation>Export check summary</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf);;网页文件 (*.html)</source>
        <translation>PDF file (*.pdf);;Web page (*.html)</translation>
    </message>
    <message>
        <source>已导出检查摘要（写入 1 个文件）：{path}</source>
        <translation>Check summary exported (1 file written): {path}</translation>
    </message>
    <message>
        <source>选择保存批注版的文件夹</source>
        <translation>Choose the folder for the annotated copies</translation>
    </message>
    <message>
        <source>文件夹中已有 {n} 份同名的批注版，要替换它们吗？
选“否”则跳过这些文件。</source>
        <translation>The folder already holds {n} annotated copies with these names. Replace them?
Choose “No” to skip those files.</translation>
    </message>
    <message>
        <source>正在保存批注版…</source>
        <translation>Saving annotated copies…</translation>
    </message>
    <message>
        <source>已将 {n} 份批注版保存到 {folder}</source>
        <translation>{n} annotated copies saved to {folder}</translation>
    </message>
    <message>
        <source>；{m} 份未能保存：</source>
        <translation>; {m} could not be saved:</translation>
    </message>
    <message>
        <source>文件已存在</source>
        <translation>File exists</translation>
    </message>
    <message>
        <source>批量检查</source>
        <translation>Batch check</translation>
    </message>
</context>
<context>
    <name>BatchPage</name>
    <message>
        <source>只看不通过</source>
        <translation>Failing only</translation>
    </message>
    <message>
        <source>按机关或文件名筛选</source>
        <translation>Filter by agency or file name</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>导出汇总表…</source>
        <translation>Export overview…</translation>
    </message>
    <message>
        <source>导出检查摘要…</source>
        <translation>Export check summary…</translation>
    </message>
    <message>
        <source>保存全部批注版…</source>
        <translation>Save all annotated copies…</translation>
    </message>
    <message>
        <source>正在检查 {n} 份草稿…</source>
        <translation>Checking {n} drafts…</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>批量检查出错</source>
        <translation>Batch check failed</translation>
    </message>
    <message>
        <source>共 {n} 份草稿：{ok} 份通过，{bad} 份不通过或无法读取</source>
        <translation>{n} drafts: {ok} passed, {bad} failed or unreadable</translation>
    </message>
    <message>
        <source>，{left} 份已取消</source>
        <translation>, {left} cancelled</translation>
    </message>
</context>
<context>
    <name>DraftCopies</name>
    <message>
        <source>保存修正版</source>
        <translation>Save corrected copy</translation>
    </message>
    <message>
        <source>修正版不能保存到原文件上，请换一个文件名。</source>
        <translation>The corrected copy cannot replace the original; choose another name.</translation>
    </message>
    <message>
        <source>已保存修正版：{path}</source>
        <translation>Corrected copy saved: {path}</translation>
    </message>
    <message>
        <source>保存批注版</source>
        <translation>Save annotated copy</translation>
    </message>
    <message>
        <source>批注版不能保存到原文件上，请换一个文件名。</source>
        <translation>The annotated copy cannot replace the original; choose another name.</translation>
    </message>
    <message>
        <source>已保存批注版：{path}</source>
        <translation>Annotated copy saved: {path}</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>网页文件 (*.html)</source>
        <translation>Web page (*.html)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>导出检查报告</source>
        <translation>Export check summary</translation>
    </message>
    <message>
        <source>无法保存“{path}”：{reason}</source>
        <translation>Could not save “{path}”: {reason}</translation>
    </message>
    <message>
        <source>已导出检查报告：{path}</source>
        <translation>Check summary exported: {path}</translation>
    </message>
    <message>
        <source>与原文件相同类型 (*{ext})</source>
        <translation>Same type as the original (*{ext})</translation>
    </message>
    <message>
        <source>文件已存在</source>
        <translation>File exists</translation>
    </message>
    <message>
        <source>“{name}”已存在，要替换它吗？</source>
        <translation>“{name}” already exists. Replace it?</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>打开文件…</source>
        <translation>Open file…</translation>
    </message>
    <message>
        <source>打开示例</source>
        <translation>Open sample</translation>
    </message>
    <message>
        <source>一份带有几处典型问题的示例草稿</source>
        <translation>A sample draft with a few typical problems</translation>
    </message>
    <message>
        <source>最近打开</source>
        <translation>Recent files</translation>
    </message>
    <message>
        <source>打开文件夹…</source>
        <translation>Open folder…</translation>
    </message>
    <message>
        <source>将年度报告（.docx / .xlsx 草稿，或已发布的网页 / PDF）拖放到此处</source>
        <translation>Drop an annual report here (a .docx / .xlsx draft, or a published web page / PDF)</translation>
    </message>
    <message>
        <source>检查一个文件夹中的全部草稿</source>
        <translation>Check every draft in a folder</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>忽略</source>
        <translation>Ignore</translation>
    </message>
    <message>
        <source>在这份文档中不再显示这一条（重新检查和重启后仍然有效，可在“设置”中恢复）</source>
        <translation>Hide this finding for this document (kept after re-checks and restarts; restore it under Settings)</translation>
    </message>
    <message>
        <source>不再提示此类问题</source>
        <translation>Stop reporting this kind of problem</translation>
    </message>
    <message>
        <source>关闭这条检查规则（所有文档；可在“设置”中恢复）</source>
        <translation>Turn this rule off (for every document; restore it under Settings)</translation>
    </message>
    <message>
        <source>原因：{reason}。本工具只检查政府信息公开工作年度报告，不提供修正。</source>
        <translation>Reason: {reason}. This tool checks government information disclosure annual reports only and offers no corrections.</translation>
    </message>
    <message>
        <source>未发现问题。</source>
        <translation>No problems found.</translation>
    </message>
</context>
<context>
    <name>IgnoresDialog</name>
    <message>
        <source>已忽略的问题和规则</source>
        <translation>Ignored findings and rules</translation>
    </message>
    <message>
        <source>恢复所选问题</source>
        <translation>Restore selected findings</translation>
    </message>
    <message>
        <source>恢复所选规则</source>
        <translation>Restore selected rules</translation>
    </message>
    <message>
        <source>在某份文档中忽略的问题（按内容识别，重新检查后仍然隐藏）：</source>
        <translation>Findings ignored in a document (recognised by content, still hidden after a re-check):</translation>
    </message>
    <message>
        <source>已关闭的检查规则（“不再提示此类问题”，对所有文档有效）：</source>
        <translation>Rules turned off (“Stop reporting this kind of problem”, for every document):</translation>
    </message>
</context>
<context>
    <name>InfoBar</name>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>在文件夹中显示</source>
        <translation>Show in folder</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>正在检查 {name}…</source>
        <translation>Checking {name}…</translation>
    </message>
    <message>
        <source>已于 {time} 重新检查</source>
        <translation>Re-checked at {time}</translation>
    </message>
    <message>
        <source>检查完成（用时 {seconds:.2f} 秒）</source>
        <translation>Check complete ({seconds:.2f} s)</translation>
    </message>
    <message>
        <source>重新检查失败：{reason}</source>
        <translation>Re-check failed: {reason}</translation>
    </message>
    <message>
        <source>无法读取 {name}</source>
        <translation>Cannot read {name}</translation>
    </message>
    <message>
        <source>无法读取“{name}”：

{reason}</source>
        <translation>Cannot read “{name}”:

{reason}</translation>
    </message>
    <message>
        <source>检查时出现内部错误</source>
        <translation>Internal error during the check</translation>
    </message>
    <message>
        <source>文件已被移走或删除：{path}</source>
        <translation>The file was moved or deleted: {path}</translation>
    </message>
    <message>
        <source>保存修正版时将应用 {n} 项修正</source>
        <translation>Save corrected copy will apply {n} fixes</translation>
    </message>
    <message>
        <source>打开年度报告草稿</source>
        <translation>Open an annual report draft</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>{name}
版本 {version}

检查政府信息公开工作年度报告草稿：缺项、勾稽关系、数值、正文与表格一致性、年份与期限。</source>
        <translation>{name}
Version {version}

Checks drafts of government information disclosure annual reports: missing parts, table sums, values, prose against tables, years and periods.</translation>
    </message>
    <message>
        <source>界面语言将在重新启动后生效。</source>
        <translation>The interface language changes at the next start.</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>批量检查（{n} 份草稿）— {name}</source>
        <translation>Batch check ({n} drafts) — {name}</translation>
    </message>
    <message>
        <source>选择本机关上一年度的报告</source>
        <translation>Choose the agency&apos;s report of the year before</translation>
    </message>
    <message>
        <source>批量检查的结果（文件改动后会自动重新检查）</source>
        <translation>Result of the batch check (re-checked automatically when the file changes)</translation>
    </message>
    <message>
        <source>没有找到年度报告文件（.docx / .xlsx / 网页 / PDF）。</source>
        <translation>No annual report (.docx / .xlsx / web page / PDF) was found.</translation>
    </message>
    <message>
        <source>年度报告 (*.docx *.xlsx *.docm *.xlsm *.html *.htm *.mhtml *.mht *.pdf);;所有文件 (*)</source>
        <translation>Annual reports (*.docx *.xlsx *.docm *.xlsm *.html *.htm *.mhtml *.mht *.pdf);;All files (*)</translation>
    </message>
    <message>
        <source>打开草稿所在的文件夹</source>
        <translation>Open the folder of the drafts</translation>
    </message>
</context>
<context>
    <name>PreviousOffer</name>
    <message>
        <source>对照上年报告</source>
        <translation>Compare with last year&apos;s report</translation>
    </message>
    <message>
        <source>{year} 年的报告</source>
        <translation>the report for {year}</translation>
    </message>
    <message>
        <source>上一年度的报告</source>
        <translation>last year&apos;s report</translation>
    </message>
    <message>
        <source>同一文件夹中有本机关{which}“{name}”，可以核对上年结转、同比数字和重复内容。</source>
        <translation>The same folder holds the agency&apos;s {which} “{name}”: carry-overs, year-on-year figures and repeated text can be checked against it.</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>检查规则说明</source>
        <translation>Check rules</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>打开…</source>
        <translation>Open…</translation>
    </message>
    <message>
        <source>打开示例</source>
        <translation>Open sample</translation>
    </message>
    <message>
        <source>重新检查</source>
        <translation>Re-check</translation>
    </message>
    <message>
        <source>保存修正版…</source>
        <translation>Save corrected copy…</translation>
    </message>
    <message>
        <source>保存批注版…</source>
        <translation>Save annotated copy…</translation>
    </message>
    <message>
        <source>打印检查报告…</source>
        <translation>Print check summary…</translation>
    </message>
    <message>
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <source>HTML…</source>
        <translation>HTML…</translation>
    </message>
    <message>
        <source>Excel…</source>
        <translation>Excel…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>原始大小</source>
        <translation>Actual size</translation>
    </message>
    <message>
        <source>已忽略的问题和规则…</source>
        <translation>Ignored findings and rules…</translation>
    </message>
    <message>
        <source>跟随系统</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>中文</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>检查规则说明</source>
        <translation>Check rules</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>对照上年报告…</source>
        <translation>Compare with last year&apos;s report…</translation>
    </message>
    <message>
        <source>打开文件夹…</source>
        <translation>Open folder…</translation>
    </message>
</context>
<context>
    <name>menus</name>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>最近打开</source>
        <translation>Recent files</translation>
    </message>
    <message>
        <source>导出检查报告</source>
        <translation>Export check summary</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
</context>
</TS>
