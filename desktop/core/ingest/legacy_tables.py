"""Byte → Unicode tables for legacy Vietnamese 8-bit encodings.

Generated once from glibc iconv, one byte at a time: TCVN5712-1 for TCVN3
(the ".VnTime" ABC fonts use its lower half and accented lowercase), and
VISCII.  tests/test_legacy.py checks every entry against iconv again.
Bytes 0xB0-0xB4 of TCVN are combining tone marks.
"""

TCVN3 = (
    '\u0000ÚỤ\u0003ỪỬỮ\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f'
    '\u0010ỨỰỲỶỸÝỴ\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f'
    ' !"#$%&\'()*+,-./'
    '0123456789:;<=>?'
    '@ABCDEFGHIJKLMNO'
    'PQRSTUVWXYZ[\\]^_'
    '`abcdefghijklmno'
    'pqrstuvwxyz{|}~\u007f'
    'ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ'
    'ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ'
    '\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ'
    '\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ'
    'ẮẦẨẪẤỀặầẩẫấậèỂẻẽ'
    'éẹềểễếệìỉỄẾỒĩíịò'
    'Ổỏõóọồổỗốộờởỡớợù'
    'ỖủũúụừửữứựỳỷỹýỵỐ'
)

VISCII = (
    '\u0000\u0001Ẳ\u0003\u0004ẴẪ\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f'
    '\u0010\u0011\u0012\u0013Ỷ\u0015\u0016\u0017\u0018Ỹ\u001a\u001b\u001c\u001dỴ\u001f'
    ' !"#$%&\'()*+,-./'
    '0123456789:;<=>?'
    '@ABCDEFGHIJKLMNO'
    'PQRSTUVWXYZ[\\]^_'
    '`abcdefghijklmno'
    'pqrstuvwxyz{|}~\u007f'
    'ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ'
    'ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ'
    'Õắằặấầẩậẽẹếềểễệố'
    'ồổỗỠƠộờởịỰỨỪỬơớƯ'
    'ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ'
    'ĐứÒÓÔạỷừửÙÚỹỵÝỡư'
    'àáâãảăữẫèéêẻìíĩỉ'
    'đựòóôõỏọụùúũủýợỮ'
)
