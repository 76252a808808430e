<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
    <context>
        <name>App</name>
        <message>
            <location filename="../../desktop/ui/app.py" line="47" />
            <source>Đã xảy ra lỗi: {0}
Dữ liệu đã lưu không bị ảnh hưởng.</source>
            <translation>An error occurred: {0}
Stored data is not affected.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/app.py" line="78" />
            <source>Kho này đang được mở để sửa ở {0}.

Mở ở chế độ chỉ đọc?</source>
            <translation>This archive is open for editing at {0}.

Open it read-only?</translation>
        </message>
    </context>
    <context>
        <name>ArticlePane</name>
    <message>
        <location filename="../../desktop/ui/article_pane.py" line="0" />
        <source>Số, ký hiệu: 09-NQ/TU</source>
        <translation>Number: 09-NQ/TU</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/article_pane.py" line="0" />
        <source>Loại: Nghị quyết…</source>
        <translation>Kind: Resolution…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/article_pane.py" line="0" />
        <source>Cơ quan ban hành</source>
        <translation>Issuing body</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/article_pane.py" line="0" />
        <source>Văn bản</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/article_pane.py" line="0" />
        <source>Ban hành</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/article_pane.py" line="0" />
        <source>Nguồn chữ</source>
        <translation>Text from</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/article_pane.py" line="0" />
        <source>Nhận dạng chữ (OCR) từ bản quét</source>
        <translation>Recognised by OCR from a scan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/article_pane.py" line="0" />
        <source>độ tin cậy {0} %</source>
        <translation>confidence {0} %</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/article_pane.py" line="0" />
        <source>Lấy từ lớp chữ của tệp PDF</source>
        <translation>Taken from the PDF's text layer</translation>
    </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="147" />
            <source>(công khai)</source>
            <translation>(public)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="152" />
            <source>Đơn vị…</source>
            <translation>Units…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="153" />
            <source>Chủ đề…</source>
            <translation>Topics…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="174" />
            <source>Chú thích ảnh</source>
            <translation>Photo caption</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="177" />
            <source>Ảnh: tác giả</source>
            <translation>Photo credit</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="199" />
            <source>Tiêu đề</source>
            <translation>Title</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="200" />
            <source>Ngày đăng</source>
            <translation>Published</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="201" />
            <source>Tác giả</source>
            <translation>Author</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="202" />
            <source>Nguồn</source>
            <translation>Source</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="203" />
            <source>Phạm vi</source>
            <translation>Circulation</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="204" />
            <source>Đơn vị</source>
            <translation>Units</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="205" />
            <source>Chủ đề</source>
            <translation>Topics</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="206" />
            <source>Sapo</source>
            <translation>Lead</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="212" />
            <source>Nội dung</source>
            <translation>Body</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="214" />
            <source>Ảnh và chú thích</source>
            <translation>Photos and captions</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="319" />
            <source>Chọn một bài viết để xem</source>
            <translation>Select an article to view</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="343" />
            <location filename="../../desktop/ui/article_pane.py" line="356" />
            <source>Bài số {0}</source>
            <translation>Article {0}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="345" />
            <source>trong Thùng rác</source>
            <translation>in the Trash</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="390" />
            <source>(gắn sau khi lưu)</source>
            <translation>(tag after saving)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="391" />
            <source>Bài mới — kiểm tra rồi bấm Lưu (Ctrl+S)</source>
            <translation>New article — review it, then Save (Ctrl+S)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="426" />
            <source>Văn bản: </source>
            <translation>Documents: </translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_pane.py" line="432" />
            <source>Nhân vật: </source>
            <translation>People: </translation>
        </message>
    </context>
    <context>
        <name>ArticleTableModel</name>
        <message>
            <location filename="../../desktop/ui/article_model.py" />
            <source>(các từ tìm nằm rải rác trong bài, không liền nhau)</source>
            <translation>(the words searched for stand apart in the article, not together)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_model.py" line="38" />
            <source>Tiêu đề</source>
            <translation>Title</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_model.py" line="38" />
            <source>Ngày</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_model.py" line="38" />
            <source>Đơn vị</source>
            <translation>Units</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_model.py" line="38" />
            <source>Tác giả</source>
            <translation>Author</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/article_model.py" line="38" />
            <source>Ảnh</source>
            <translation>Photos</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="112" />
            <source>Xuất PDF</source>
            <translation>Export PDF</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="116" />
            <source>Các bài đang chọn ({0} bài)</source>
            <translation>The selected articles ({0})</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="117" />
            <source>Cả danh sách ({0} bài)</source>
            <translation>The whole list ({0} articles)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="124" />
            <source>Kèm ảnh</source>
            <translation>With photos</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="126" />
            <source>Mỗi bài một trang mới</source>
            <translation>Each article on a new page</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="128" />
            <source>Gồm cả bài "Mật" / "Lưu hành nội bộ"</source>
            <translation>Include "Mật" / "Lưu hành nội bộ" articles</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="130" />
            <source>Thêm danh mục ảnh</source>
            <translation>Add a list of photos</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="134" />
            <source>Ngày tăng dần</source>
            <translation>Oldest first</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="135" />
            <source>Ngày giảm dần</source>
            <translation>Newest first</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="136" />
            <source>Theo danh sách</source>
            <translation>As listed</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="138" />
            <source>Gồm</source>
            <translation>Articles</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="139" />
            <source>Tên tập</source>
            <translation>Compilation title</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="140" />
            <source>Cơ quan</source>
            <translation>Office</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="141" />
            <source>Địa danh</source>
            <translation>Place</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="142" />
            <source>Khổ giấy</source>
            <translation>Paper</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="143" />
            <source>Thứ tự</source>
            <translation>Order</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="157" />
            <source>Tập bài viết</source>
            <translation>Collected articles</translation>
        </message>
    </context>
    <context>
        <name>ImportSummary</name>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="173" />
            <source>Kết quả nhập</source>
            <translation>Import results</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="174" />
            <source>Đã nhập {0} bài, trùng {1}, lỗi {2}, bỏ qua {3}.</source>
            <translation>Imported {0}, duplicates {1}, failed {2}, skipped {3}.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="178" />
            <source>Đã dừng theo yêu cầu; các bài đã nhập được giữ lại.</source>
            <translation>Stopped on request; the articles already imported are kept.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="181" />
            <source>{0} bài gần trùng với bài đã có: xem và quyết định giữ hay gộp.</source>
            <translation>{0} articles nearly the same as stored ones: look at them and keep or merge.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="184" />
            <source>{0}: gần trùng với bài số {1}</source>
            <translation>{0}: nearly the same as article {1}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="186" />
            <source>{0}: bỏ qua ảnh {1}</source>
            <translation>{0}: picture left out: {1}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="193" />
            <source>Xem bài gần trùng…</source>
            <translation>Show near-duplicates…</translation>
        </message>
    </context>
    <context>
        <name>SnippetDelegate</name>
        <message>
            <location filename="../../desktop/ui/main_window.py" />
            <source>[từ rải rác]</source>
            <translation>[scattered]</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="0" />
        <source>Ảnh trang đầu cho bài cũ</source>
        <translation>First-page thumbnails for older articles</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="0" />
        <source>Đang làm ảnh trang đầu…</source>
        <translation>Making first-page thumbnails…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="0" />
        <source>Đã làm ảnh trang đầu cho {0}/{1} bài</source>
        <translation>Made first-page thumbnails for {0}/{1} articles</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="0" />
        <source>, {0} bài không đọc được tệp gốc</source>
        <translation>, {0} articles' original files could not be read</translation>
    </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" />
            <source>Kết nối máy chủ của cơ quan…</source>
            <translation>Connect to the office server…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" />
            <source>Đang mở: {0}</source>
            <translation>Open: {0}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" />
            <source>, sau đó {0} bài có các từ nằm rải rác (chữ xám)</source>
            <translation>, then {0} with the words scattered (grey)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="125" />
            <source> (kho thử)</source>
            <translation> (demo archive)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="127" />
            <source> (chỉ đọc)</source>
            <translation> (read-only)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="138" />
            <source>Tìm: xay dung dang, "giao ban", 09-NQ/TU, unit:"Thị ủy", 2022-10 … (Ctrl+F)</source>
            <translation>Search: xay dung dang, "giao ban", 09-NQ/TU, unit:"Thị ủy", 2022-10 … (Ctrl+F)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="194" />
            <source>Sẵn sàng</source>
            <translation>Ready</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="208" />
            <source>&amp;Tệp</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="209" />
            <source>Bài mới</source>
            <translation>New article</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="210" />
            <source>Dán bài từ bộ nhớ tạm</source>
            <translation>Paste article from clipboard</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="211" />
            <source>Nhập tệp…</source>
            <translation>Import files…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="212" />
            <source>Nhập thư mục…</source>
            <translation>Import folder…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="215" />
            <source>Lưu</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="216" />
            <source>Xuất PDF…</source>
            <translation>Export PDF…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="217" />
            <source>In…</source>
            <translation>Print…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="219" />
            <source>Mở kho lưu trữ…</source>
            <translation>Open archive…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="220" />
            <source>Thoát</source>
            <translation>Quit</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="222" />
            <source>&amp;Sửa</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="223" />
            <source>Hoàn tác</source>
            <translation>Undo</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="224" />
            <source>Làm lại</source>
            <translation>Redo</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="226" />
            <source>Tìm kiếm</source>
            <translation>Search</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="227" />
            <source>Lưu tìm kiếm này</source>
            <translation>Save this search</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="229" />
            <source>Gắn đơn vị…</source>
            <translation>Tag with units…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="230" />
            <source>Gắn chủ đề…</source>
            <translation>Tag with topics…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="231" />
            <source>Chuyển vào Thùng rác</source>
            <translation>Move to Trash</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="232" />
            <source>Khôi phục từ Thùng rác</source>
            <translation>Restore from Trash</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="233" />
            <source>Dọn sạch Thùng rác…</source>
            <translation>Empty Trash…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="235" />
            <source>&amp;Công cụ</source>
            <translation>&amp;Tools</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="236" />
            <source>Lịch sử sửa đổi bài này</source>
            <translation>History of this article</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="237" />
            <source>Bài gần trùng…</source>
            <translation>Near-duplicates…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="238" />
            <source>Sao lưu kho…</source>
            <translation>Back up archive…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="239" />
            <location filename="../../desktop/ui/main_window.py" line="679" />
            <source>Kiểm tra toàn vẹn</source>
            <translation>Check integrity</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="240" />
            <source>Lập lại chỉ mục tìm kiếm</source>
            <translation>Rebuild search index</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="241" />
            <source>Cài đặt…</source>
            <translation>Settings…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="243" />
            <source>&amp;Trợ giúp</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="244" />
            <location filename="../../desktop/ui/main_window.py" line="794" />
            <source>Giới thiệu LuuTru</source>
            <translation>About LuuTru</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="298" />
            <source>{0} kết quả</source>
            <translation>{0} results</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="300" />
            <source> (hiện {0} kết quả đầu)</source>
            <translation> (showing the first {0})</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="302" />
            <source>Có phải bạn muốn tìm: </source>
            <translation>Did you mean: </translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="338" />
            <source>Đang tìm…</source>
            <translation>Searching…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="381" />
            <source>Không tìm được: {0}</source>
            <translation>Search failed: {0}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="320" />
            <source>Không đếm được số bài: {0}</source>
            <translation>Could not count the articles: {0}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="370" />
            <source>Đang đọc danh sách…</source>
            <translation>Reading the list…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="382" />
            <source>Không đọc được danh sách bài: {0}</source>
            <translation>Could not read the list of articles: {0}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="309" />
            <source>{0} bài viết</source>
            <translation>{0} articles</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="371" />
            <location filename="../../desktop/ui/main_window.py" line="638" />
            <source>Kho đang mở chỉ để đọc: không lưu được thay đổi.</source>
            <translation>The archive is open read-only: changes cannot be saved.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="376" />
            <source>Ngày hoặc giờ không đúng dạng dd/mm/yyyy hh:mm</source>
            <translation>Date or time is not in the form dd/mm/yyyy hh:mm</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="393" />
            <source>Không có gì thay đổi</source>
            <translation>Nothing changed</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="416" />
            <source>Bài này đã có trong kho (bài số {0})</source>
            <translation>This article is already in the archive (no. {0})</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="418" />
            <source>Đã lưu bài mới số {0}</source>
            <translation>Saved new article {0}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="733" />
            <source>Tập bài viết năm {0}</source>
            <translation>Articles of {0}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="735" />
            <source>Tập bài viết tháng {1}/{0}</source>
            <translation>Articles of {1}/{0}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="393" />
            <source>Đã lưu</source>
            <translation>Saved</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="462" />
            <source>Không đọc được bài từ bộ nhớ tạm: {0}</source>
            <translation>Could not read an article from the clipboard: {0}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="468" />
            <source>Kiểm tra bài vừa dán rồi bấm Lưu (Ctrl+S)</source>
            <translation>Review the pasted article, then Save (Ctrl+S)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="485" />
            <source>Gắn đơn vị</source>
            <translation>Tag with units</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="485" />
            <source>Gắn chủ đề</source>
            <translation>Tag with topics</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="502" />
            <source>Đã gắn {0} bài</source>
            <translation>Tagged {0} articles</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="513" />
            <source>Đã chuyển {0} bài vào Thùng rác (khôi phục được)</source>
            <translation>Moved {0} articles to the Trash (restorable)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="522" />
            <source>Đã khôi phục {0} bài</source>
            <translation>Restored {0} articles</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="530" />
            <source>Dọn sạch Thùng rác</source>
            <translation>Empty Trash</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="531" />
            <source>Xóa vĩnh viễn {0} bài trong Thùng rác? Không thể hoàn tác.</source>
            <translation>Delete the {0} articles in the Trash for good? This cannot be undone.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="540" />
            <source>Hủy</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="579" />
            <source>Đang nhập bài viết…</source>
            <translation>Importing articles…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="583" />
            <source>Nhập tệp</source>
            <translation>Import files</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="584" />
            <source>Bài viết (*.txt *.docx *.doc *.rtf *.odt *.html *.htm *.mht *.mhtml *.pdf *.jpg *.jpeg *.png *.webp *.tif *.tiff);;Tất cả (*)</source>
            <translation>Articles (*.txt *.docx *.doc *.rtf *.odt *.html *.htm *.mht *.mhtml *.pdf *.jpg *.jpeg *.png *.webp *.tif *.tiff);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="590" />
            <source>Nhập thư mục</source>
            <translation>Import folder</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="599" />
            <source>Đang sao lưu tự động…</source>
            <translation>Automatic backup…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="601" />
            <source>Đã sao lưu tự động: {0}</source>
            <translation>Automatic backup made: {0}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="610" />
            <source>Đang lập lại chỉ mục…</source>
            <translation>Rebuilding the index…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="611" />
            <source>Đã lập chỉ mục {0} bài</source>
            <translation>Indexed {0} articles</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="622" />
            <source>Lịch sử sửa đổi</source>
            <translation>Edit history</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="623" />
            <source>Bài số {0}: {1} thay đổi</source>
            <translation>Article {0}: {1} changes</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="633" />
            <source>Không có bài gần trùng chờ quyết định</source>
            <translation>No near-duplicates waiting for a decision</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="649" />
            <source>Đã gộp bài số {0} vào bài số {1}</source>
            <translation>Merged article {0} into article {1}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="650" />
            <source>Đã giữ cả hai bài</source>
            <translation>Kept both articles</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="661" />
            <source>Sao lưu kho</source>
            <translation>Back up archive</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="667" />
            <source>Đang sao lưu…</source>
            <translation>Backing up…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="670" />
            <source>Đã sao lưu {0} bài vào {1}</source>
            <translation>Backed up {0} articles to {1}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="741" />
            <source>Kho đang thiếu {0} tệp ảnh hoặc tệp gốc nên bản sao lưu cũng thiếu chúng. Hãy chạy Công cụ › Kiểm tra toàn vẹn.</source>
            <translation>The archive is missing {0} photo or original files, so the backup lacks them too. Run Tools › Check integrity.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="677" />
            <source>Kho lưu trữ toàn vẹn.</source>
            <translation>The archive is intact.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="677" />
            <source>Có {0} vấn đề.</source>
            <translation>{0} problems found.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="686" />
            <source>Đang kiểm tra…</source>
            <translation>Checking…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="695" />
            <source>Không có bài nào để xuất</source>
            <translation>No articles to export</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="705" />
            <source>Lưu PDF</source>
            <translation>Save PDF</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="717" />
            <source>Đã xuất {0} bài, {1} trang: {2}</source>
            <translation>Exported {0} articles, {1} pages: {2}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="719" />
            <source> ({0} bài Mật/Lưu hành nội bộ không được đưa vào)</source>
            <translation> ({0} restricted articles left out)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="722" />
            <source>Đang xuất PDF…</source>
            <translation>Exporting PDF…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="736" />
            <source>Tập bài viết</source>
            <translation>Compilation</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="753" />
            <source>Đang chuẩn bị bản in…</source>
            <translation>Preparing the printout…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="769" />
            <source>Mở kho lưu trữ</source>
            <translation>Open archive</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="795" />
            <source>&lt;b&gt;LuuTru {0}&lt;/b&gt;&lt;br&gt;Kho lưu trữ bài viết, ảnh và văn bản của cơ quan Đảng.&lt;br&gt;Chạy hoàn toàn không cần Internet.&lt;br&gt;Phông chữ: Liberation Serif (SIL OFL 1.1).</source>
            <translation>&lt;b&gt;LuuTru {0}&lt;/b&gt;&lt;br&gt;Archive of articles, photos and documents for a Party office.&lt;br&gt;Works entirely offline.&lt;br&gt;Font: Liberation Serif (SIL OFL 1.1).</translation>
        </message>
        <message>
        <location filename="../../desktop/ui/main_window.py" line="0" />
        <source>Soát chữ nhận dạng (OCR)…</source>
        <translation>Review OCR text…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="0" />
        <source>Bài này không có trang quét để soát</source>
        <translation>This article has no scanned pages to review</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="0" />
        <source>Đọc chữ trên ảnh / giữ làm ảnh</source>
        <translation>Read the image's text / keep it as a photo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="0" />
        <source>Đang đọc chữ trên ảnh…</source>
        <translation>Reading the image's text…</translation>
    </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" />
            <source>Đã lập xong chỉ mục tìm kiếm của máy này</source>
            <translation>This PC's search index is ready</translation>
        </message>
</context>
    <context>
        <name>IndexProgress</name>
        <message>
            <location filename="../../desktop/ui/index_progress.py" />
            <source>Đang lập chỉ mục tìm kiếm: {0} / {1} bài</source>
            <translation>Building the search index: {0} / {1} articles</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/index_progress.py" />
            <source>Máy này đang lập chỉ mục tìm kiếm lần đầu; vẫn xem và sửa bài được.</source>
            <translation>This PC is building its search index for the first time; articles can be read and edited meanwhile.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/index_progress.py" />
            <source>Lập lại chỉ mục</source>
            <translation>Rebuild the index</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/index_progress.py" />
            <source>Lập chỉ mục tìm kiếm bị dừng: {0}</source>
            <translation>Building the search index stopped: {0}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/index_progress.py" />
            <source>Lập chỉ mục bị dừng</source>
            <translation>Indexing stopped</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/index_progress.py" />
            <source>Bấm “Lập lại chỉ mục” để thử lại; vẫn xem và sửa bài được.</source>
            <translation>Click “Rebuild the index” to try again; articles can be read and edited meanwhile.</translation>
        </message>
    </context>
    <context>
        <name>NearDuplicatesDialog</name>
        <message>
            <location filename="../../desktop/ui/near_duplicates.py" line="38" />
            <source>Bài gần trùng</source>
            <translation>Near-duplicates</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/near_duplicates.py" line="43" />
            <source>Bài số {0} giống bài số {1} ({2:.0%})</source>
            <translation>Article {0} is like article {1} ({2:.0%})</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/near_duplicates.py" line="54" />
            <source>Đoạn tô vàng chỉ có ở một bài. Gộp: bài mới hơn (bên trái) vào Thùng rác, đơn vị và chủ đề của nó chuyển sang bài cũ.</source>
            <translation>Paragraphs in yellow are in one article only. Merge: the newer article (left) goes to the Trash, its units and topics move to the older one.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/near_duplicates.py" line="57" />
            <source>Giữ cả hai</source>
            <translation>Keep both</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/near_duplicates.py" line="59" />
            <source>Gộp</source>
            <translation>Merge</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/near_duplicates.py" line="102" />
            <source>trong Thùng rác</source>
            <translation>in the Trash</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/near_duplicates.py" line="107" />
            <source>Bài số {0}</source>
            <translation>Article {0}</translation>
        </message>
    </context>
    <context>
        <name>ServerDialog</name>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" />
            <source>Kết nối máy chủ của cơ quan</source>
            <translation>Connect to the office server</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" />
            <source>tên hoặc địa chỉ máy chủ, ví dụ 192.168.1.10</source>
            <translation>server name or address, e.g. 192.168.1.10</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" />
            <source>Máy chủ</source>
            <translation>Server</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" />
            <source>Cổng</source>
            <translation>Port</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" />
            <source>Tên kho</source>
            <translation>Archive name</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" />
            <source>Người dùng</source>
            <translation>User</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" />
            <source>Mật khẩu</source>
            <translation>Password</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" />
            <source>Kết nối</source>
            <translation>Connect</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" />
            <source>Cần điền máy chủ, tên kho và người dùng.</source>
            <translation>Server, archive name and user are required.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" />
            <source>Mở kho trên máy này</source>
            <translation>Open this PC's archive</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" />
            <source>Làm việc với kho lưu trữ của riêng máy này trong lúc chờ máy chủ</source>
            <translation>Work on this PC's own archive while the server is away</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" />
            <source>Đang mở kho trên máy này…</source>
            <translation>Opening this PC's archive…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" />
            <source>Đang kết nối máy chủ…</source>
            <translation>Connecting to the server…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" />
            <source>Đã hủy kết nối.</source>
            <translation>Connection cancelled.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" />
            <source>Hủy kết nối</source>
            <translation>Cancel connecting</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="204" />
            <source>Cài đặt</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="214" />
            <source>Ngôn ngữ (khởi động lại để áp dụng)</source>
            <translation>Language (applies after restart)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="215" />
            <source>Tên cơ quan (bìa PDF)</source>
            <translation>Office name (PDF cover)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="216" />
            <source>Địa danh (bìa PDF)</source>
            <translation>Place (PDF cover)</translation>
        </message>
    </context>
    <context>
        <name>Sidebar</name>
        <message>
            <location filename="../../desktop/ui/sidebar.py" line="35" />
            <source>Tất cả bài viết</source>
            <translation>All articles</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/sidebar.py" line="36" />
            <source>Đơn vị</source>
            <translation>Units</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/sidebar.py" line="38" />
            <source>Chủ đề</source>
            <translation>Topics</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/sidebar.py" line="40" />
            <source>Thời gian</source>
            <translation>Calendar</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/sidebar.py" line="46" />
            <source>Tháng {0}</source>
            <translation>Month {0}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/sidebar.py" line="47" />
            <source>Tìm kiếm đã lưu</source>
            <translation>Saved searches</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/sidebar.py" line="50" />
            <source>Thùng rác</source>
            <translation>Trash</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/sidebar.py" line="73" />
            <source>Đã giải thể {0}</source>
            <translation>Dissolved {0}</translation>
        </message>
    </context>
    <context>
        <name>TagPickerDialog</name>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="50" />
            <source>Tên mục mới (thêm vào mục đang chọn)</source>
            <translation>New entry (added under the selected one)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/dialogs.py" line="51" />
            <source>Thêm</source>
            <translation>Add</translation>
        </message>
    </context>
<context>
    <name>OcrReviewDialog</name>
    <message>
        <location filename="../../desktop/ui/ocr_review.py" line="0" />
        <source>Soát chữ nhận dạng — {0}</source>
        <translation>Review OCR text — {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/ocr_review.py" line="0" />
        <source>Trang</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/ocr_review.py" line="0" />
        <source>/ {0}</source>
        <translation>/ {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/ocr_review.py" line="0" />
        <source>Độ tin cậy {0:.0f} %; chữ tô vàng cần xem lại.</source>
        <translation>Confidence {0:.0f} %; words in yellow need a look.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/ocr_review.py" line="0" />
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/ocr_review.py" line="0" />
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/ocr_review.py" line="0" />
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/ocr_review.py" line="0" />
        <source>Đã tải lại bản đang lưu (phiên bản {0}).</source>
        <translation>Reloaded the stored version (version {0}).</translation>
    </message>
</context>
<context>
    <name>LineageBar</name>
    <message>
        <source>Đã giải thể {0}</source>
        <translation>Dissolved {0}</translation>
    </message>
    <message>
        <source>công việc chuyển sang: </source>
        <translation>work passed to: </translation>
    </message>
    <message>
        <source>kèm {0} đơn vị tiền thân</source>
        <translation>with {0} predecessor units</translation>
    </message>
    <message>
        <source>chỉ đơn vị này</source>
        <translation>this unit only</translation>
    </message>
</context>
<context>
    <name>PlanPreviewDialog</name>
    <message>
        <source>Sắp xếp đơn vị theo bảng {0}</source>
        <translation>Reorganise units from table {0}</translation>
    </message>
    <message>
        <source>Lỗi: </source>
        <translation>Error: </translation>
    </message>
    <message>
        <source>Thực hiện</source>
        <translation>Apply</translation>
    </message>
</context>
<context>
    <name>ReorganiseDialog</name>
    <message>
        <source>Gộp đơn vị</source>
        <translation>Merge units</translation>
    </message>
    <message>
        <source>Chia tách đơn vị</source>
        <translation>Split unit</translation>
    </message>
    <message>
        <source>Các đơn vị cũ:</source>
        <translation>Old units:</translation>
    </message>
    <message>
        <source>Đơn vị có sẵn, hoặc đường dẫn đơn vị mới: Tỉnh ủy/Đảng ủy xã …</source>
        <translation>An existing unit, or a new unit's path: Tỉnh ủy/Đảng ủy xã …</translation>
    </message>
    <message>
        <source>Đơn vị mới:</source>
        <translation>New unit:</translation>
    </message>
    <message>
        <source>Sáp nhập / hợp nhất</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>Đổi tên</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>Hình thức:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>Đơn vị cũ:</source>
        <translation>Old unit:</translation>
    </message>
    <message>
        <source>Mỗi dòng một đơn vị mới (đường dẫn), có sẵn hoặc sẽ tạo</source>
        <translation>One new unit per line (path), existing or to be created</translation>
    </message>
    <message>
        <source>Các đơn vị mới:</source>
        <translation>New units:</translation>
    </message>
    <message>
        <source>Từ ngày:</source>
        <translation>From:</translation>
    </message>
    <message>
        <source>Thực hiện</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>Sẽ thực hiện:</source>
        <translation>Will do:</translation>
    </message>
    <message>
        <source>Chọn đơn vị cũ và đơn vị mới.</source>
        <translation>Choose the old and the new units.</translation>
    </message>
    <message>
        <source>Lỗi: </source>
        <translation>Error: </translation>
    </message>
</context>
<context>
    <name>LineageDialogs</name>
    <message>
        <source>Sắp xếp đơn vị</source>
        <translation>Reorganise units</translation>
    </message>
    <message>
        <source>Gộp đơn vị…</source>
        <translation>Merge units…</translation>
    </message>
    <message>
        <source>Chia tách đơn vị…</source>
        <translation>Split unit…</translation>
    </message>
    <message>
        <source>Nhập bảng sắp xếp (CSV/XLSX)…</source>
        <translation>Import reorganisation table (CSV/XLSX)…</translation>
    </message>
    <message>
        <source>Hoàn tác lần sắp xếp gần nhất</source>
        <translation>Undo the latest reorganisation</translation>
    </message>
    <message>
        <source>Hiện đơn vị đã giải thể</source>
        <translation>Show dissolved units</translation>
    </message>
    <message>
        <source>Đã sắp xếp đơn vị (lần #{0}); hoàn tác: Công cụ › Sắp xếp đơn vị</source>
        <translation>Units reorganised (#{0}); undo: Tools › Reorganise units</translation>
    </message>
    <message>
        <source>Đang sắp xếp đơn vị…</source>
        <translation>Reorganising units…</translation>
    </message>
    <message>
        <source>Bảng sắp xếp đơn vị</source>
        <translation>Reorganisation table</translation>
    </message>
    <message>
        <source>Bảng (*.csv *.xlsx);;Tất cả (*)</source>
        <translation>Tables (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>Không có lần sắp xếp nào để hoàn tác</source>
        <translation>No reorganisation to undo</translation>
    </message>
    <message>
        <source>Hoàn tác sắp xếp đơn vị</source>
        <translation>Undo reorganisation</translation>
    </message>
    <message>
        <source>Hoàn tác lần sắp xếp #{0} ({1}, {2} liên kết)?</source>
        <translation>Undo reorganisation #{0} ({1}, {2} links)?</translation>
    </message>
    <message>
        <source>Đã hoàn tác lần sắp xếp #{0}</source>
        <translation>Reorganisation #{0} undone</translation>
    </message>
    <message>
        <source>Đang hoàn tác…</source>
        <translation>Undoing…</translation>
    </message>
    <message>
        <source>(không có)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Đơn vị đã giải thể</source>
        <translation>Dissolved unit</translation>
    </message>
    <message>
        <source>'{0}' đã giải thể từ {1}, trước ngày của bài ({2}).
Gắn đơn vị kế tục thay thế: {3}?</source>
        <translation>'{0}' was dissolved on {1}, before the article's date ({2}).
Tag its successor instead: {3}?</translation>
    </message>
    <message>
        <source>chưa có ngày</source>
        <translation>no date</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>{0} bài của đơn vị này, {1} bài của đơn vị tiền thân</source>
        <translation>{0} articles of this unit, {1} of its predecessors</translation>
    </message>
    <message>
        <source>công việc chuyển sang: {0}</source>
        <translation>work passed to: {0}</translation>
    </message>
</context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="71" />
            <source>Bài đã được người khác sửa</source>
            <translation>Someone else changed this article</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="70" />
            <source>người khác</source>
            <translation>someone else</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="73" />
            <source>Bài số {0} đã được &lt;b&gt;{1}&lt;/b&gt; sửa lúc {2}, sau khi bạn mở bài.</source>
            <translation>Article {0} was changed by &lt;b&gt;{1}&lt;/b&gt; at {2}, after you opened it.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="78" />
            <source>Bản của bạn chưa được lưu, và chưa mất gì. {0} đã sửa: {1}. Những dòng tô màu là chỗ hai bản khác nhau.</source>
            <translation>Your version is not saved yet, and nothing of it is lost. {0} changed: {1}. Highlighted rows are where the two versions differ.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="85" />
            <source>Mục</source>
            <translation>Field</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="85" />
            <source>Bản của {0} (đang lưu)</source>
            <translation>{0}'s version (stored)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="78" />
            <source>Bản của bạn</source>
            <translation>Your version</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="85" />
            <source>Bản của {0}</source>
            <translation>{0}'s version</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="128" />
            <source>Tải lại (lấy bản của {0})</source>
            <translation>Reload ({0}'s version)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="130" />
            <source>Bỏ những gì bạn đã sửa, mở bản đang lưu</source>
            <translation>Discard your changes and open the stored version</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="131" />
            <source>Giữ bản của tôi</source>
            <translation>Keep my version</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="133" />
            <source>Lưu bản của bạn đè lên bản của {0}; lịch sử sửa đổi ghi lại việc này</source>
            <translation>Save your version over {0}'s; the edit history records this</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="134" />
            <source>Lưu bản của tôi thành bản sao</source>
            <translation>Save my version as a copy</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="136" />
            <source>Giữ nguyên bản của {0}, lưu bản của bạn thành một bài mới</source>
            <translation>Keep {0}'s version as it is and save yours as a new article</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="160" />
            <source>tiêu đề</source>
            <translation>title</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="160" />
            <source>sapo</source>
            <translation>lead</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="160" />
            <source>nội dung</source>
            <translation>body</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="39" />
            <source>tác giả</source>
            <translation>author</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="161" />
            <source>ngày đăng</source>
            <translation>date</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="162" />
            <source>giờ đăng</source>
            <translation>time</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="162" />
            <source>nguồn</source>
            <translation>source</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="163" />
            <source>địa chỉ nguồn</source>
            <translation>source address</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="163" />
            <source>phạm vi</source>
            <translation>circulation</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="164" />
            <source>gắn đơn vị/chủ đề</source>
            <translation>added units/topics</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="164" />
            <source>bỏ gắn đơn vị/chủ đề</source>
            <translation>removed units/topics</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="165" />
            <source>giữ bản của mình</source>
            <translation>kept their own version over another</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="171" />
            <source>ảnh {0}: chú thích</source>
            <translation>photo {0}: caption</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="171" />
            <source>ảnh {0}: tác giả ảnh</source>
            <translation>photo {0}: credit</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="172" />
            <source>các mục khác</source>
            <translation>other fields</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="197" />
            <source>Tiêu đề</source>
            <translation>Title</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="198" />
            <source>Ngày đăng</source>
            <translation>Published</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="199" />
            <source>Giờ đăng</source>
            <translation>Time</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="200" />
            <source>Tác giả</source>
            <translation>Author</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="201" />
            <source>Nguồn</source>
            <translation>Source</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="202" />
            <source>Phạm vi</source>
            <translation>Circulation</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="203" />
            <source>Sapo</source>
            <translation>Lead</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="204" />
            <source>Nội dung</source>
            <translation>Body</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="209" />
            <source>Ảnh {0}: chú thích</source>
            <translation>Photo {0}: caption</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="210" />
            <source>Ảnh {0}: tác giả ảnh</source>
            <translation>Photo {0}: credit</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="218" />
            <source>Đơn vị</source>
            <translation>Units</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="218" />
            <source>Chủ đề</source>
            <translation>Topics</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="0" />
            <source>thêm ảnh</source>
            <translation>photo added</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="0" />
            <source>chuyển vào Thùng rác</source>
            <translation>moved to the Trash</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="0" />
            <source>lấy lại từ Thùng rác</source>
            <translation>restored from the Trash</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="0" />
            <source>chữ nhận dạng (OCR)</source>
            <translation>text read by OCR</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="0" />
            <source>số, ký hiệu văn bản</source>
            <translation>document number</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="0" />
            <source>loại văn bản</source>
            <translation>document kind</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="0" />
            <source>cơ quan ban hành</source>
            <translation>issuing body</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflict_dialog.py" line="0" />
            <source>ảnh {0}: tệp ảnh</source>
            <translation>photo {0}: image file</translation>
        </message>
    </context>
    <context>
        <name>ConflictFlow</name>
        <message>
            <location filename="../../desktop/ui/conflicts.py" line="70" />
            <source>Đã tải lại bài số {0} (bản đang lưu)</source>
            <translation>Reloaded article {0} (the stored version)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflicts.py" line="84" />
            <source>Đã lưu bản của bạn thành bài mới số {0}</source>
            <translation>Saved your version as new article {0}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/conflicts.py" line="111" />
            <source>Đã gắn 1 bài</source>
            <translation>Tagged 1 article</translation>
        </message>
    </context>
    <context>
        <name>Users</name>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>người đọc</source>
            <translation>reader</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>văn thư</source>
            <translation>clerk</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>quản trị</source>
            <translation>admin</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>không có quyền</source>
            <translation>no role</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Lưu hành nội bộ</source>
            <translation>Internal circulation ("Lưu hành nội bộ")</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Mật</source>
            <translation>Secret ("Mật")</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Tối mật, Tuyệt mật</source>
            <translation>Top secret ("Tối mật", "Tuyệt mật")</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Chỉ bài công khai</source>
            <translation>Public articles only</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Đến Lưu hành nội bộ</source>
            <translation>Up to internal circulation ("Lưu hành nội bộ")</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Đến Mật (gồm Lưu hành nội bộ)</source>
            <translation>Up to secret ("Mật"), internal circulation included</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Đến Tối mật, Tuyệt mật (mọi mức)</source>
            <translation>Up to top secret ("Tối mật", "Tuyệt mật"): every mark</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>chỉ bài công khai</source>
            <translation>public articles only</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>{0} (qua nhóm {1})</source>
            <translation>{0} (through group {1})</translation>
        </message>
    </context>
    <context>
        <name>AccountForm</name>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Đặt mật khẩu cho {0}</source>
            <translation>Set the password of {0}</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Thêm người dùng</source>
            <translation>Add a user</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>chữ thường không dấu, ví dụ nguyenvana</source>
            <translation>lower-case letters without accents, e.g. nguyenvana</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Tên đăng nhập</source>
            <translation>Sign-in name</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Quyền</source>
            <translation>Role</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Mật khẩu</source>
            <translation>Password</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Nhập lại mật khẩu</source>
            <translation>Password again</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Cần tên đăng nhập.</source>
            <translation>A sign-in name is needed.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Hai lần nhập mật khẩu không giống nhau.</source>
            <translation>The two passwords differ.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Mật khẩu cần ít nhất 8 ký tự.</source>
            <translation>The password needs at least 8 characters.</translation>
        </message>
    </context>
    <context>
        <name>UsersDialog</name>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Người dùng</source>
            <translation>Users</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Tài khoản</source>
            <translation>Account</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Quyền</source>
            <translation>Role</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Trạng thái</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Thêm…</source>
            <translation>Add…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Đổi quyền…</source>
            <translation>Change role…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Đặt mật khẩu…</source>
            <translation>Set password…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Khóa / mở khóa</source>
            <translation>Lock / unlock</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>đang dùng</source>
            <translation>active</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>đã khóa</source>
            <translation>locked</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Đang đọc danh sách…</source>
            <translation>Reading the list…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Đang lưu…</source>
            <translation>Saving…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Đã thêm {0} ({1}).</source>
            <translation>Added {0} ({1}).</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>{0} nay có quyền {1}.</source>
            <translation>{0} is now {1}.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Đã đặt mật khẩu mới cho {0}.</source>
            <translation>New password set for {0}.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Đã mở khóa {0}.</source>
            <translation>Unlocked {0}.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Đã khóa {0}: không đăng nhập được nữa.</source>
            <translation>Locked {0}: they can no longer sign in.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Hãy chọn một người dùng trong danh sách.</source>
            <translation>Choose a user in the list.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Đổi quyền</source>
            <translation>Change role</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Được đọc bài có dấu</source>
            <translation>Reads marked articles</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Quyền đọc bài mật…</source>
            <translation>Clearance…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Chọn mức mật cao nhất người này được đọc</source>
            <translation>Choose the highest mark this person reads</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>{0} nay được đọc: {1}.</source>
            <translation>{0} now reads: {1}.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Mức {0} vẫn được đọc qua nhóm {1}.</source>
            <translation>{0} is still readable through group {1}.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Quyền đọc bài mật</source>
            <translation>Clearance</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/users_dialog.py" line="0" />
            <source>Mức cao nhất {0} được đọc:</source>
            <translation>Highest mark {0} reads:</translation>
        </message>
    </context>
    <context>
        <name>Audit</name>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>đăng nhập</source>
            <translation>sign-in</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>xuất PDF bài mật</source>
            <translation>restricted PDF export</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>in bài mật</source>
            <translation>restricted print</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>xóa vĩnh viễn</source>
            <translation>purge</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>thêm người dùng</source>
            <translation>user added</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>đổi quyền</source>
            <translation>role changed</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>đặt mật khẩu</source>
            <translation>password set</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>khóa tài khoản</source>
            <translation>account locked</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>mở khóa tài khoản</source>
            <translation>account unlocked</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>đổi quyền đọc bài mật</source>
            <translation>clearance change</translation>
        </message>
    </context>
    <context>
        <name>AuditDialog</name>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>Nhật ký truy cập</source>
            <translation>Access log</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>Lúc (giờ UTC)</source>
            <translation>When (UTC)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>Tài khoản</source>
            <translation>Account</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>Việc</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>Chi tiết</source>
            <translation>Detail</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>Đang đọc nhật ký…</source>
            <translation>Reading the log…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/audit_dialog.py" line="0" />
            <source>{0} dòng</source>
            <translation>{0} rows</translation>
        </message>
    </context>
    <context>
        <name>Roles</name>
        <message>
            <location filename="../../desktop/ui/role_gate.py" line="0" />
            <source>cần quyền {0}</source>
            <translation>needs the {0} role</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/role_gate.py" line="0" />
            <source>Đăng nhập: {0} — {1}</source>
            <translation>Signed in: {0} — {1}</translation>
        </message>
    </context>
    <context>
        <name>ServerDialog</name>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" line="0" />
            <source>tên đăng nhập của anh/chị</source>
            <translation>your sign-in name</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" line="0" />
            <source>Nhớ mật khẩu trên máy này (trong kho khóa của hệ điều hành)</source>
            <translation>Remember the password on this PC (in the system keyring)</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" line="0" />
            <source>Máy này không có kho khóa mật khẩu dùng được: mật khẩu sẽ không được lưu, hãy nhập mỗi lần mở.</source>
            <translation>This PC has no working password keyring: the password will not be kept; type it at each start.</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/server_dialog.py" line="0" />
            <source>Không lưu được mật khẩu vào kho khóa của máy này; lần sau hãy nhập lại.</source>
            <translation>The password could not be kept in this PC's keyring; type it again next time.</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <location filename="../../desktop/ui/app.py" line="0" />
            <source>Chưa đăng nhập vào máy chủ {0}.</source>
            <translation>Not signed in to the server {0}.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="0" />
            <source>Người dùng…</source>
            <translation>Users…</translation>
        </message>
        <message>
            <location filename="../../desktop/ui/main_window.py" line="0" />
            <source>Nhật ký truy cập…</source>
            <translation>Access log…</translation>
        </message>
    </context>
</TS>
