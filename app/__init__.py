"""政府信息公开工作年度报告检查工具: the checking engine (no Qt below this package)."""
__version__ = "0.1.0"
TOOL_NAME = "政府信息公开年报检查"
