#!/usr/bin/env bash
# The two commands of the quick start, runnable on a fresh Debian/Ubuntu machine:
#
#   ./run.sh demo   set up, build the example bulletin offline, log it, print the report
#   ./run.sh test   set up, run the whole test suite
#
# Setting up means: the system programs (ffmpeg, espeak-ng) via apt-get when
# they are missing, a virtual environment in .venv, and the package in it.
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
PY="$VENV/bin/python"

say() { printf '\n==> %s\n' "$*"; }

apt_install() {
    local apt=(apt-get)
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            apt=(sudo apt-get)
        else
            echo "Cần cài: $* (chạy với quyền root: apt-get install -y $*)" >&2
            exit 1
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "Không có apt-get. Hãy tự cài: $*" >&2
        exit 1
    fi
    say "Cài gói hệ thống: $*"
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" update -qq
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends "$@" >/dev/null
}

system_setup() {
    local missing=()
    if [ "${1:-}" = test ]; then
        # The studio's browser tests drive Debian's chromium through chromedriver.
        command -v chromium >/dev/null 2>&1 || missing+=(chromium)
        command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
    fi
    command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
    command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
    if [ ${#missing[@]} -gt 0 ]; then
        apt_install "${missing[@]}"
    fi
    python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
        echo "Cần Python 3.11 trở lên (đang có: $(python3 --version))." >&2
        exit 1
    }
}

python_setup() {
    local extras=$1
    if [ ! -x "$PY" ] || ! "$PY" -m pip --version >/dev/null 2>&1; then
        say "Tạo môi trường ảo $VENV"
        rm -rf "$VENV"
        if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
            # Debian ships venv separately from python3.
            rm -rf "$VENV"
            apt_install python3-venv
            python3 -m venv "$VENV"
        fi
    fi
    # Reinstall only when the project metadata changed since the last install.
    local stamp="$VENV/.installed-$extras"
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        say "Cài đặt bulletin và thư viện cần thiết"
        "$PY" -m pip install --quiet --upgrade pip
        "$PY" -m pip install --quiet --quiet -e ".[$extras]"
        touch "$stamp"
    fi
}

demo() {
    system_setup
    python_setup test
    local bin="$VENV/bin/bulletin"
    # The demo keeps its own log so it can be run again and again.
    local db=out/demo-broadcasts.db
    mkdir -p out
    rm -f "$db"
    say "Kiểm tra kịch bản quý II"
    "$bin" check scripts/2024-q2-bien-dao-bao-chi.md --engine espeak
    local name aired
    # Two bulletins a quarter, each at the required length (at least 9 of its 10 minutes):
    # the half-year report ends "đạt". Times are typed the way operators write them.
    for name in 2024-q1-ocop-du-lich:"20/3/2024 06:30" 2024-q1-hoi-nhap-chuyen-doi-so:"27/3/2024 17h" \
                2024-q2-bien-dao-bao-chi:"21/6/2024 06:30" 2024-q2-kinh-te-bien-du-lich:"26/6/2024 17h"; do
        aired=${name#*:}
        name=${name%%:*}
        say "Tạo bản tin $name (bộ đọc ngoại tuyến espeak-ng)"
        "$bin" build "scripts/$name.md" -o "out/$name.mp3" --engine espeak
        say "Ghi sổ phát sóng"
        "$bin" log add "out/$name.mp3" --aired "$aired" --place "Cụm loa trung tâm" --db "$db"
    done
    say "Chỉ tiêu 6 tháng đầu năm 2024"
    "$bin" quota 2024-H1 --db "$db"
    say "Báo cáo 6 tháng đầu năm 2024"
    "$bin" report --period 2024-H1 --db "$db"
}

tests() {
    system_setup test
    python_setup test
    say "Kiểm tra mã nguồn (ruff)"
    "$VENV/bin/ruff" check .
    say "Chạy bộ kiểm thử"
    "$PY" -m pytest "$@"
}

case "${1:-}" in
    demo) demo ;;
    test) shift; tests "$@" ;;
    *)
        echo "Cách dùng: ./run.sh demo | ./run.sh test [tham số pytest]" >&2
        exit 2
        ;;
esac
