"""The members Get-Member lists for .NET values that are not property bags, as Windows PowerShell
5.1 on .NET Framework 4 shows them: (name, member type, definition)."""

from __future__ import annotations

_CONVERTIBLE = (
    ("ToBoolean", "bool"), ("ToByte", "byte"), ("ToChar", "char"), ("ToDateTime", "datetime"),
    ("ToDecimal", "decimal"), ("ToDouble", "double"), ("ToInt16", "int16"), ("ToInt32", "int"),
    ("ToInt64", "long"), ("ToSByte", "sbyte"), ("ToSingle", "float"), ("ToUInt16", "uint16"),
    ("ToUInt32", "uint32"), ("ToUInt64", "uint64"),
)


def _convertible(skip: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    return [(name, "Method", f"{result} IConvertible.{name}(System.IFormatProvider provider)")
            for name, result in _CONVERTIBLE if name not in skip]


STRING: list[tuple[str, str, str]] = [
    ("Clone", "Method", "System.Object Clone(), System.Object ICloneable.Clone()"),
    ("CompareTo", "Method", "int CompareTo(System.Object value), int CompareTo(string strB), "
                            "int IComparable.CompareTo(System.Object obj), int IComparable[string].CompareTo(string other)"),
    ("Contains", "Method", "bool Contains(string value)"),
    ("CopyTo", "Method", "void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count)"),
    ("EndsWith", "Method", "bool EndsWith(string value), bool EndsWith(string value, System.StringComparison "
                           "comparisonType), bool EndsWith(string value, bool ignoreCase, cultureinfo culture)"),
    ("Equals", "Method", "bool Equals(System.Object obj), bool Equals(string value), bool Equals(string value, "
                         "System.StringComparison comparisonType), bool IEquatable[string].Equals(string other)"),
    ("GetEnumerator", "Method", "System.CharEnumerator GetEnumerator(), System.Collections.IEnumerator "
                                "IEnumerable.GetEnumerator(), System.Collections.Generic.IEnumerator[char] "
                                "IEnumerable[char].GetEnumerator()"),
    ("GetHashCode", "Method", "int GetHashCode()"),
    ("GetType", "Method", "type GetType()"),
    ("GetTypeCode", "Method", "System.TypeCode GetTypeCode(), System.TypeCode IConvertible.GetTypeCode()"),
    ("IndexOf", "Method", "int IndexOf(char value), int IndexOf(char value, int startIndex), int IndexOf(string "
                          "value), int IndexOf(string value, int startIndex), int IndexOf(string value, int "
                          "startIndex, int count), int IndexOf(char value, int startIndex, int count)"),
    ("IndexOfAny", "Method", "int IndexOfAny(char[] anyOf), int IndexOfAny(char[] anyOf, int startIndex), "
                             "int IndexOfAny(char[] anyOf, int startIndex, int count)"),
    ("Insert", "Method", "string Insert(int startIndex, string value)"),
    ("IsNormalized", "Method", "bool IsNormalized(), bool IsNormalized(System.Text.NormalizationForm "
                               "normalizationForm)"),
    ("LastIndexOf", "Method", "int LastIndexOf(char value), int LastIndexOf(char value, int startIndex), "
                              "int LastIndexOf(string value), int LastIndexOf(string value, int startIndex)"),
    ("LastIndexOfAny", "Method", "int LastIndexOfAny(char[] anyOf), int LastIndexOfAny(char[] anyOf, int "
                                 "startIndex), int LastIndexOfAny(char[] anyOf, int startIndex, int count)"),
    ("Normalize", "Method", "string Normalize(), string Normalize(System.Text.NormalizationForm "
                            "normalizationForm)"),
    ("PadLeft", "Method", "string PadLeft(int totalWidth), string PadLeft(int totalWidth, char paddingChar)"),
    ("PadRight", "Method", "string PadRight(int totalWidth), string PadRight(int totalWidth, char paddingChar)"),
    ("Remove", "Method", "string Remove(int startIndex, int count), string Remove(int startIndex)"),
    ("Replace", "Method", "string Replace(char oldChar, char newChar), string Replace(string oldValue, "
                          "string newValue)"),
    ("Split", "Method", "string[] Split(Params char[] separator), string[] Split(char[] separator, int count), "
                        "string[] Split(char[] separator, System.StringSplitOptions options), string[] "
                        "Split(string[] separator, System.StringSplitOptions options)"),
    ("StartsWith", "Method", "bool StartsWith(string value), bool StartsWith(string value, "
                             "System.StringComparison comparisonType), bool StartsWith(string value, bool "
                             "ignoreCase, cultureinfo culture)"),
    ("Substring", "Method", "string Substring(int startIndex), string Substring(int startIndex, int length)"),
    ("ToCharArray", "Method", "char[] ToCharArray(), char[] ToCharArray(int startIndex, int length)"),
    ("ToLower", "Method", "string ToLower(), string ToLower(cultureinfo culture)"),
    ("ToLowerInvariant", "Method", "string ToLowerInvariant()"),
    ("ToString", "Method", "string ToString(), string ToString(System.IFormatProvider provider), string "
                           "IConvertible.ToString(System.IFormatProvider provider)"),
    ("ToType", "Method", "System.Object IConvertible.ToType(type conversionType, System.IFormatProvider provider)"),
    ("ToUpper", "Method", "string ToUpper(), string ToUpper(cultureinfo culture)"),
    ("ToUpperInvariant", "Method", "string ToUpperInvariant()"),
    ("Trim", "Method", "string Trim(Params char[] trimChars), string Trim()"),
    ("TrimEnd", "Method", "string TrimEnd(Params char[] trimChars)"),
    ("TrimStart", "Method", "string TrimStart(Params char[] trimChars)"),
    ("Chars", "ParameterizedProperty", "char Chars(int index) {get;}"),
    ("Length", "Property", "int Length {get;}"),
] + _convertible()

INT32: list[tuple[str, str, str]] = [
    ("CompareTo", "Method", "int CompareTo(System.Object value), int CompareTo(int value), int "
                            "IComparable.CompareTo(System.Object obj), int IComparable[int].CompareTo(int other)"),
    ("Equals", "Method", "bool Equals(System.Object obj), bool Equals(int obj), bool IEquatable[int].Equals(int "
                         "other)"),
    ("GetHashCode", "Method", "int GetHashCode()"),
    ("GetType", "Method", "type GetType()"),
    ("GetTypeCode", "Method", "System.TypeCode GetTypeCode(), System.TypeCode IConvertible.GetTypeCode()"),
    ("ToString", "Method", "string ToString(), string ToString(string format), string "
                           "ToString(System.IFormatProvider provider), string ToString(string format, "
                           "System.IFormatProvider provider), string IFormattable.ToString(string format, "
                           "System.IFormatProvider formatProvider), string IConvertible.ToString(System.IFormatProvider "
                           "provider)"),
] + _convertible()

BY_TYPE = {"System.String": STRING, "System.Int32": INT32}
