"""Vietnamese for the messages click itself prints (usage, errors, help headings).

Keys are click 8.1's message ids exactly as written in its source; plural
forms map ``(singular, plural)`` to one Vietnamese text (Vietnamese has no
plural inflection).
"""

MESSAGES = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Aborted!": "Đã hủy!",
    "Error: {message}": "Lỗi: {message}",
    "Error: {e.message}": "Lỗi: {e.message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: '{command} {option}'.",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option: {name}": "Không có tùy chọn: {name}",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} cần {nargs} giá trị.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "(dynamic)": "(động)",
    "(Deprecated) {text}": "(Không dùng nữa) {text}",
    "directory": "thư mục",
    "file": "tệp",
    "path": "đường dẫn",
    "unknown error": "lỗi không rõ",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is not readable.": "Không đọc được {name} {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được {name} {filename!r}.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} không chạy được.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là {number_type} hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{value!r} is not a valid boolean.": "{value!r} không phải là giá trị đúng/sai hợp lệ.",
    "{value!r} is not a valid UUID.": "{value!r} không phải là UUID hợp lệ.",
    "Press any key to continue...": "Nhấn phím bất kỳ để tiếp tục...",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai giá trị nhập vào không khớp nhau.",
    "Error: The value you entered was invalid.": "Lỗi: giá trị vừa nhập không hợp lệ.",
    "Error: invalid input": "Lỗi: dữ liệu nhập không hợp lệ",
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        "Thừa tham số không mong đợi ({args})",
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        "Cần {nargs} giá trị nhưng nhận {len}.",
    ("Did you mean {possibility}?", "(Possible options: {possibilities})"):
        "Có phải ý bạn là: {possibility}?",
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        "Tùy chọn {name!r} cần {nargs} giá trị.",
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        "{value!r} không phải là một trong: {choices}.",
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        "{value!r} không đúng định dạng {formats}.",
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        "Cần {len_type} giá trị, nhưng nhận {len_value}.",
}
