// The one HTML page Herald serves loads this: the app portal under /portal/, the operator dashboard at /.
import(location.pathname.startsWith('/portal/') ? '/portal/portal.js' : '/dashboard/dashboard.js');
