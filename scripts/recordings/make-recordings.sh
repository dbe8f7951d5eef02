#!/usr/bin/env bash
# Synthesized stand-ins for the interview recordings used by the example bulletins
# in ../ (see README.md). Needs espeak-ng and ffmpeg on PATH.
#
# The interview text is written here in SPOKEN form (numbers as words, no
# abbreviations), because it goes straight to espeak-ng without the bulletin's
# text normalizer. The southern voice (vi-vn-x-south) is deliberately different
# from the bulletin reader's default voice, so the "interviewee" sounds like
# another person. The MP3s are 44.1 kHz stereo at 128 kbps on purpose: the
# bulletin build has to convert them to its own rate and channel count.
set -euo pipefail

cd "$(dirname "$0")"

VOICE="vi-vn-x-south"
SPEED=165      # words (= syllables) per minute; a little slower than the reader
PITCH=40

for tool in espeak-ng ffmpeg; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "make-recordings.sh: '$tool' not found on PATH" >&2
        exit 1
    fi
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# make NAME TEXT: speak TEXT into NAME.mp3 next to this script.
make() {
    local name="$1" text="$2"
    printf '%s\n' "$text" > "$work/$name.txt"
    espeak-ng -v "$VOICE" -s "$SPEED" -p "$PITCH" -f "$work/$name.txt" -w "$work/$name.wav"
    # Half a second of room tone before and after, as a real clip would have.
    ffmpeg -y -loglevel error -i "$work/$name.wav" \
        -af "adelay=500:all=1,apad=pad_dur=0.5" \
        -ar 44100 -ac 2 -codec:a libmp3lame -b:a 128k \
        -metadata title="$name (synthesized stand-in)" \
        "$name.mp3"
    echo "$name.mp3: $(ffprobe -v error -show_entries format=duration -of csv=p=0 "$name.mp3") s"
}

# Q1 2024 (2024-q1-ocop-du-lich.md): a fish-sauce producer in Tam Quang commune.
make pv-ocop-nuoc-mam "Gia đình tôi làm nước mắm đã ba đời rồi. \
Cá cơm đánh bắt ngay ở vùng biển Tam Quang, ướp với muối hạt theo đúng tỷ lệ của ông bà để lại, \
ủ trong thùng gỗ từ mười hai đến mười tám tháng mới rút ra nước mắm nhĩ. \
Từ khi sản phẩm được công nhận đạt ba sao trong chương trình Mỗi xã một sản phẩm, \
cơ sở được hỗ trợ làm lại bao bì, tem nhãn, có tem truy xuất nguồn gốc, \
nên khách ở Đà Nẵng, thành phố Hồ Chí Minh đặt hàng qua mạng nhiều hơn hẳn. \
Năm ngoái cơ sở bán được hơn hai mươi nghìn lít, gần gấp rưỡi so với trước. \
Tôi mong huyện tiếp tục đưa sản phẩm đi hội chợ, \
để bà con gần xa biết đến nước mắm quê mình."

# Q2 2024 (2024-q2-bien-dao-bao-chi.md): the captain of a fishing boat from Tam Quang.
make pv-ngu-dan-tam-quang "Mỗi chuyến biển của tàu tôi kéo dài khoảng hai mươi ngày, \
ra tận ngư trường truyền thống Hoàng Sa, Trường Sa. \
Tàu đã lắp thiết bị giám sát hành trình, ra khơi là mở máy suốt, \
nhật ký khai thác ghi đầy đủ, không bao giờ đánh bắt ở vùng biển của nước khác. \
Anh em trên tàu lúc nào cũng treo lá cờ Tổ quốc. \
Đi biển là để mưu sinh, mà cũng là để giữ biển cho con cháu. \
Gặp tàu cá gặp nạn, dù là tàu của nước nào, anh em cũng sẵn sàng cứu giúp, \
vì biển có yên thì người đi biển mới yên. \
Tôi mong bà con trong đất liền luôn hướng về ngư dân, hướng về biển đảo quê hương."
