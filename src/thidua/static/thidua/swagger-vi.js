// The fixed words of Swagger UI in Vietnamese. Swagger UI has no translations of its own; the API's own
// text (summaries, descriptions, errors) is Vietnamese already (api/openapi_vi.py). This replaces the
// interface's English labels in text nodes and a few attributes as the UI draws them.
(function () {
  "use strict";
  var WORDS = {
    "Try it out": "Thử gọi", "Try it out ": "Thử gọi", "Cancel": "Hủy", "Execute": "Gửi yêu cầu",
    "Clear": "Xóa kết quả", "Parameters": "Tham số", "No parameters": "Không có tham số",
    "Responses": "Các trả lời", "Response body": "Nội dung trả lời", "Response headers": "Tiêu đề trả lời",
    "Request body": "Nội dung yêu cầu", "Request URL": "Địa chỉ yêu cầu", "Server response": "Trả lời của máy chủ",
    "Code": "Mã", "Description": "Mô tả", "Links": "Liên kết", "No links": "Không có liên kết",
    "Download": "Tải về", "Authorize": "Xác thực", "Authorized": "Đã xác thực", "Close": "Đóng",
    "Logout": "Thoát", "Available authorizations": "Các cách xác thực", "Schemas": "Lược đồ dữ liệu",
    "Example Value": "Ví dụ", "Schema": "Lược đồ", "Name": "Tên", "Details": "Chi tiết",
    "required": "bắt buộc", "Media type": "Kiểu nội dung", "Controls Accept header.": "Chọn tiêu đề Accept.",
    "Send empty value": "Gửi giá trị rỗng", "Undocumented": "Chưa mô tả", "Value:": "Giá trị:",
    "Loading...": "Đang tải…", "Expand all": "Mở tất cả", "Collapse all": "Thu gọn tất cả",
    "Add string item": "Thêm phần tử", "Add item": "Thêm phần tử", "Remove": "Bỏ",
    "Edit Value": "Sửa giá trị", "Model": "Mô hình", "Examples": "Ví dụ", "Example": "Ví dụ",
    "Responses ": "Các trả lời", "Callbacks": "Gọi lại", "Headers:": "Tiêu đề:", "Headers": "Tiêu đề",
    "Servers": "Máy chủ", "Filter by tag": "Lọc theo nhóm", "Explore": "Xem",
    "Please correct the following validation errors and try again.": "Hãy sửa các lỗi sau rồi thử lại.",
    "Required field is not provided": "Chưa nhập trường bắt buộc",
    "Failed to fetch.": "Không gọi được máy chủ.", "Possible Reasons:": "Lý do có thể:",
    "Network Failure": "Lỗi mạng", "Value": "Giá trị", "Type": "Kiểu", "Field": "Trường"
  };
  var ATTRIBUTES = ["title", "aria-label", "placeholder"];

  function translateNode(node) {
    if (node.nodeType === 3) {
      var text = node.nodeValue, key = text.trim();
      if (key && Object.prototype.hasOwnProperty.call(WORDS, key)) {
        node.nodeValue = text.replace(key, WORDS[key]);
      }
      return;
    }
    if (node.nodeType !== 1) { return; }
    ATTRIBUTES.forEach(function (name) {
      var value = node.getAttribute(name);
      if (value && Object.prototype.hasOwnProperty.call(WORDS, value.trim())) {
        node.setAttribute(name, WORDS[value.trim()]);
      }
    });
    if (node.tagName === "INPUT" && (node.type === "button" || node.type === "submit")
        && Object.prototype.hasOwnProperty.call(WORDS, node.value)) {
      node.value = WORDS[node.value];
    }
    for (var child = node.firstChild; child; child = child.nextSibling) { translateNode(child); }
  }

  function start() {
    var root = document.getElementById("swagger-ui") || document.body;
    translateNode(root);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        if (change.type === "characterData") { translateNode(change.target); }
        change.addedNodes.forEach(translateNode);
      });
    }).observe(root, {childList: true, subtree: true, characterData: true});
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
