"""The company's people as the test directory and provider know them, and the members of the
rolls they map to."""

from partybrand.orgs.validators import id_check_digit


def id_number(first17: str) -> str:
    return first17 + id_check_digit(first17)


ID_LISI = id_number("11010119850615201")
ID_CONFLICT = id_number("11010119900101002")

# uid, password, name, staff number (employeeNumber), ID number (idNumber)
ZHANGSAN = ("zhangsan", "dir-pass-zs", "张三", "E1001", "")  # matched by staff number
LISI = ("lisi", "dir-pass-ls", "李四", "", ID_LISI)  # matched by ID number
WANGWU = ("wangwu", "dir-pass-ww", "王五", "E9999", "")  # on no member's record
ZHAOLIU = ("zhaoliu", "dir-pass-zl", "赵六", "E1002", "")  # the member has a local login
QIANQI = ("qianqi", "dir-pass-qq", "钱七", "E1003", "")  # signs in, then is deactivated
SUNBA = ("sunba", "dir-pass-sb", "孙八", "E1004", ID_CONFLICT)  # two members: refused
NOKEYS = ("nokeys", "dir-pass-nk", "无工号", "", "")  # neither key
EVERYONE = [ZHANGSAN, LISI, WANGWU, ZHAOLIU, QIANQI, SUNBA, NOKEYS]
