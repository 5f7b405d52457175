import type { NamespaceMessages } from '../../types.ts';

export default {
  type_not_supported: 'Không hỗ trợ trình đồng bộ loại "{type}": Latchkey chỉ chạy trình đồng bộ "Database".',
  database_type_not_supported: 'Không hỗ trợ loại cơ sở dữ liệu "{databaseType}": hãy dùng postgres hoặc mysql.',
  ssh_not_supported: 'Không hỗ trợ đường hầm SSH: hãy để trình đồng bộ kết nối trực tiếp tới cơ sở dữ liệu.',
  ssl_mode_invalid: 'Không hỗ trợ chế độ SSL "{sslMode}": hãy dùng disable, require hoặc verify-full.',
  host_invalid: 'Máy chủ phải là tên máy chủ hoặc địa chỉ IP.',
  port_invalid: 'Cổng phải nằm trong khoảng từ 1 đến 65535.',
  table_invalid:
    'Không cho phép tên bảng "{name}": hãy dùng chữ cái, chữ số, dấu gạch dưới và dấu gạch ngang (tối đa schema.table).',
  column_invalid:
    'Không cho phép tên cột "{name}": hãy dùng chữ cái, chữ số, dấu gạch dưới và dấu gạch ngang ("first+last" nối các cột).',
  field_not_syncable: 'Trình đồng bộ không thể điền trường người dùng "{field}".',
  columns_required: 'Trình đồng bộ cần các cột của bảng: cột nào điền trường người dùng nào.',
  name_column_required: 'Trình đồng bộ phải điền trường người dùng Name (hoặc Id).',
  interval_invalid: 'Khoảng thời gian đồng bộ phải từ 0 giây trở lên.',
  connection_incomplete: 'Trình đồng bộ cần {field} để kết nối.',
  not_found: 'Trình đồng bộ {id} không tồn tại.',
  already_running: 'Trình đồng bộ {id} đang chạy; hãy thử lại khi nó kết thúc.',
  busy: 'Có quá nhiều trình đồng bộ đang chạy; hãy thử lại sau ít phút.',
  address_refused:
    'Máy chủ cơ sở dữ liệu {host} nằm trong mạng riêng hoặc dành riêng, trình đồng bộ không được truy cập.',
  timeout: 'Cơ sở dữ liệu không trả lời kịp thời: {detail}',
  too_many_rows: 'Bảng có nhiều hàng hơn số hàng một lần chạy đọc ({max}).',
  too_much_data: 'Cơ sở dữ liệu đã gửi nhiều dữ liệu hơn lượng một lần chạy đọc.',
  failed: 'Đồng bộ thất bại: {detail}',
  row_rejected: 'Hàng {row} ({key}) chưa được đồng bộ: {reason}',
} satisfies NamespaceMessages<'syncer'>;
